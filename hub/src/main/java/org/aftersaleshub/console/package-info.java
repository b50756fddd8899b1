/**
 * The operations console (运维控制台, docs/console.md): pages for people, served by the hub itself under
 * {@code /console}. Form login with users from {@code console_user} (roles admin, supervisor, viewer), its own
 * security chain in front of the API's, server-rendered Thymeleaf pages with htmx and ECharts from webjars, and the
 * KPI figures that {@code GET /api/v1/kpis} also serves.
 */
package org.aftersaleshub.console;
