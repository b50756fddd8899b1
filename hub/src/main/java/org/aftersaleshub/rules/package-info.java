/**
 * The {@code rules/} folder (规则文件): dispatch rules, SLA policies, calendars. Each rule kind plugs in a
 * {@link org.aftersaleshub.rules.RuleFileValidator}; {@code java -jar hub.jar validate}, {@code POST
 * /api/v1/admin/rules/validate} and the start-up check run all of them plus the route check, and report every
 * problem with file, line, column and a hint in English and Chinese.
 */
package org.aftersaleshub.rules;
