/**
 * The HTTP edge shared by the whole API: every error as RFC 9457 {@code application/problem+json}
 * ({@link org.aftersaleshub.web.ApiExceptionHandler}, {@link org.aftersaleshub.web.ProblemErrorController}),
 * validation errors that name the field and the rule ({@link org.aftersaleshub.web.FieldViolation}), the request
 * body size limit ({@link org.aftersaleshub.web.RequestSizeLimitFilter}) and the OpenAPI description.
 */
package org.aftersaleshub.web;
