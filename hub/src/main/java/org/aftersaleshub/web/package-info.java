/**
 * The HTTP edge shared by the whole API: every error as RFC 9457 {@code application/problem+json}, whoever refuses
 * the request — Spring MVC ({@link org.aftersaleshub.web.ApiExceptionHandler}), a filter or the error dispatch
 * ({@link org.aftersaleshub.web.ProblemWriter}, {@link org.aftersaleshub.web.ProblemErrorController}), Spring
 * Security's firewall ({@link org.aftersaleshub.web.FirewallRejections}) or Tomcat itself
 * ({@link org.aftersaleshub.web.ProblemErrorReportValve}); validation errors that name the field or parameter as the
 * client sent it and the rule ({@link org.aftersaleshub.web.FieldViolation},
 * {@link org.aftersaleshub.web.ParameterViolations}); unknown query parameters refused
 * ({@link org.aftersaleshub.web.KnownQueryParameters}); no extension member that repeats a standard one
 * ({@link org.aftersaleshub.web.Problems#requireExtensionName}); the request body size limit
 * ({@link org.aftersaleshub.web.RequestSizeLimitFilter}) and the OpenAPI description.
 */
package org.aftersaleshub.web;
