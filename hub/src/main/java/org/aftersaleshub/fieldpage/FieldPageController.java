package org.aftersaleshub.fieldpage;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Map;
import org.aftersaleshub.fieldpage.FieldPageLinks.LinkRefused;
import org.aftersaleshub.fieldpage.FieldPageService.Done;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.CachedBodyRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * The field page's addresses, all under the signed link {@code /field/<token>} (public: the link is the proof,
 * {@link FieldPageLinks}). Forms answer with a redirect to the page (a reload does not send them again) or the page
 * with the Chinese message next to the field; a refused link is a Chinese page for a browser and problem+json for any
 * other client. No script: plain HTML forms and one stylesheet of the hub's own.
 */
@Controller
@Hidden
class FieldPageController {

    /** No script, no frames, nothing from elsewhere: the page is the hub's HTML, its stylesheet and its photos. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private final FieldPageService service;
    private final FieldPageProperties props;
    private final ZoneId zone;
    private final PhotoUploadBody uploads;

    /** @param zone times on the page, as in the staff's messages ({@code hub.notify.time-zone}) */
    FieldPageController(FieldPageService service, FieldPageProperties props,
                        @Value("${hub.notify.time-zone:Asia/Shanghai}") ZoneId zone, PhotoUploadBody uploads) {
        this.service = service;
        this.props = props;
        this.zone = zone;
        this.uploads = uploads;
    }

    @GetMapping("/field/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String done, Model model,
                HttpServletRequest request, HttpServletResponse response) {
        return render(token, done, Map.of(), HttpStatus.OK, model, request, response);
    }

    @PostMapping(path = "/field/{token}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String resolve(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String note = formOf(request).getFirst("note");
        try {
            return redirect(request, token, service.resolve(token, note));
        } catch (FormRefused refused) {
            model.addAttribute("note", note);
            return render(token, null, refused.errors(), refused.status(), model, request, response);
        } catch (LinkRefused refused) {
            return refusedLink(refused, model, request, response);
        }
    }

    @PostMapping(path = "/field/{token}/parts", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String parts(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        MultiValueMap<String, String> sent = formOf(request);
        try {
            return redirect(request, token, service.usePart(token, PartForm.of(sent)));
        } catch (FormRefused refused) {
            model.addAttribute("part", sent.toSingleValueMap());
            return render(token, null, refused.errors(), refused.status(), model, request, response);
        } catch (LinkRefused refused) {
            return refusedLink(refused, model, request, response);
        }
    }

    @PostMapping("/field/{token}/photos")
    String photo(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PhotoUploadBody.Body body = uploads.read(request);
        try {
            byte[] content = new byte[0];
            String fileName = null;
            if (!body.tooLarge()) {
                MultipartForm form = MultipartForm.parse(request.getContentType(), body.bytes())
                        .orElseThrow(() -> FormRefused.of(HttpStatus.BAD_REQUEST, "photo", "请选择一张照片后再上传"));
                MultipartForm.Part part = form.part("photo").filter(p -> p.fileName() != null)
                        .orElseThrow(() -> FormRefused.of(HttpStatus.BAD_REQUEST, "photo", "请选择一张照片后再上传"));
                content = part.content();
                fileName = part.fileName();
            }
            return redirect(request, token, service.addPhoto(token, fileName, content, body.tooLarge()));
        } catch (FormRefused refused) {
            return render(token, null, refused.errors(), refused.status(), model, request, response);
        } catch (LinkRefused refused) {
            return refusedLink(refused, model, request, response);
        }
    }

    @GetMapping("/field/{token}/photos/{photoId}")
    ResponseEntity<byte[]> photoContent(@PathVariable String token, @PathVariable String photoId,
                                        HttpServletRequest request) {
        try {
            return service.photo(token, photoId).map(p -> ResponseEntity.ok()
                            .contentType(MediaType.parseMediaType(p.contentType()))
                            .cacheControl(CacheControl.noStore().cachePrivate())
                            .header("X-Content-Type-Options", "nosniff")
                            .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                            .body(p.content()))
                    .orElseGet(() -> ResponseEntity.notFound().build());
        } catch (LinkRefused refused) {
            if (wantsHtml(request)) {
                return ResponseEntity.status(statusOf(refused)).build();
            }
            throw new LinkProblem(refused);
        }
    }

    private String render(String token, String done, Map<String, String> errors, HttpStatus status, Model model,
                          HttpServletRequest request, HttpServletResponse response) {
        FieldPageService.Access access;
        try {
            access = service.open(token);
        } catch (LinkRefused refused) {
            return refusedLink(refused, model, request, response);
        }
        model.addAttribute("page", FieldPageView.of(access, service.usages(access), service.photos(access), props,
                zone, token, FieldPageService.newFormId()));
        model.addAttribute("errors", errors);
        model.addAttribute("done", doneMessage(done));
        response.setStatus(status.value());
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer"); // the link is the proof: never pass it on
        return "fieldpage/page";
    }

    private String refusedLink(LinkRefused refused, Model model, HttpServletRequest request,
                               HttpServletResponse response) {
        if (!wantsHtml(request)) {
            throw new LinkProblem(refused);
        }
        model.addAttribute("title", switch (refused.refusal()) {
            case EXPIRED -> "链接已过期";
            case NOT_ASSIGNEE -> "您已不是此工单的处理人";
            case UNKNOWN_TICKET -> "找不到此工单";
            case TAMPERED -> "链接无效";
        });
        model.addAttribute("message", switch (refused.refusal()) {
            case EXPIRED -> "为了安全，工单页面的链接只在一段时间内有效。请在钉钉或企业微信中重新打开最新的工单卡片。";
            case NOT_ASSIGNEE -> "此链接属于其他处理人，或工单已改派给其他工程师。如有疑问请联系您的主管。";
            case UNKNOWN_TICKET -> "此链接对应的工单不存在。请联系您的主管。";
            case TAMPERED -> "链接不完整或已被修改。请从钉钉或企业微信的工单卡片重新打开，不要手动改动链接。";
        });
        response.setStatus(statusOf(refused).value());
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        return "fieldpage/refused";
    }

    /** A refused link for a client that is no browser. */
    static final class LinkProblem extends RuntimeException {
        final LinkRefused refused;

        LinkProblem(LinkRefused refused) {
            super(refused.refusal().name(), null, false, false);
            this.refused = refused;
        }
    }

    /** problem+json whose {@code instance} leaves the token out: the link is a credential. */
    @ExceptionHandler(LinkProblem.class)
    ResponseEntity<ProblemDetail> linkProblem(LinkProblem p) {
        return ResponseEntity.status(statusOf(p.refused)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(p.refused).toProblemDetail("/field/redacted"));
    }

    /**
     * The fields of a urlencoded form. Read from the body the API's size filter buffered (it caps the form like any
     * body): the container's own parameter parsing would find the stream already read.
     */
    private static MultiValueMap<String, String> formOf(HttpServletRequest request) throws IOException {
        byte[] body = CachedBodyRequest.bodyOf(request);
        String text = new String(body != null ? body : request.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                form.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // a broken escape: the field is left out and the form's check names it
            }
        }
        return form;
    }

    private static HttpStatus statusOf(LinkRefused refused) {
        return switch (refused.refusal()) {
            case EXPIRED -> HttpStatus.GONE;
            case UNKNOWN_TICKET -> HttpStatus.NOT_FOUND;
            case TAMPERED, NOT_ASSIGNEE -> HttpStatus.FORBIDDEN;
        };
    }

    /** For a client that is no browser; names the rule, never the token. */
    private static ApiProblem problem(LinkRefused refused) {
        return switch (refused.refusal()) {
            case EXPIRED -> new ApiProblem(HttpStatus.GONE, "field-link-expired", "Link expired (链接已过期)",
                    "The field page link has expired (hub.field-page.link-ttl); open the latest card again.");
            case NOT_ASSIGNEE -> new ApiProblem(HttpStatus.FORBIDDEN, "field-link-not-assignee",
                    "Not the assignee (不是处理人)", "The link's engineer is not the ticket's assignee (any more).");
            case UNKNOWN_TICKET -> new ApiProblem(HttpStatus.NOT_FOUND, "field-link-unknown-ticket",
                    "Ticket not found (工单不存在)", "The link names a ticket the hub does not hold.");
            case TAMPERED -> new ApiProblem(HttpStatus.FORBIDDEN, "field-link-invalid", "Invalid link (链接无效)",
                    "The field page link is not one the hub signed, or it was altered.");
        };
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && (accept.contains("text/html") || accept.contains("application/xhtml+xml"));
    }

    /** 303: the phone loads the page with GET, and a reload does not send the form again. */
    private static String redirect(HttpServletRequest request, String token, Done done) {
        request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
        return "redirect:/field/" + token + "?done=" + done.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (done == Done.PHOTO || done == Done.PHOTO_AGAIN ? "#photos" : done == Done.RESOLVED ? "" : "#parts");
    }

    private static String doneMessage(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "resolved" -> "工单已完成，处理说明已记录。";
            case "part" -> "备件已登记，将在 ERP 中扣减库存。";
            case "part-again" -> "此备件已登记过，未重复扣减。";
            case "photo" -> "照片已上传。";
            case "photo-again" -> "这张照片已上传过。";
            default -> null;
        };
    }
}
