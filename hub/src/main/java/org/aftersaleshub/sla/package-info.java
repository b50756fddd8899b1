/**
 * SLA (服务时限): policies and escalation rules from {@code rules/sla.yaml}, business calendars from
 * {@code rules/calendars/*.yaml} ({@link org.aftersaleshub.sla.SlaRuleFiles} reads and checks them), deadlines on the
 * ticket recomputed on each change ({@link org.aftersaleshub.sla.SlaEngine}), the timers' effects
 * ({@link org.aftersaleshub.sla.SlaTimers}) and ticket labels. docs/sla.md.
 */
package org.aftersaleshub.sla;
