package org.leadhandoff.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A multipart upload over {@code spring.servlet.multipart.max-file-size}: refused before any
 * controller is chosen, so {@link ApiProblems} (bound to controllers) never sees it. The API gets a
 * 413 problem detail naming the limit, a page the error page with status 413.
 */
@ControllerAdvice
class UploadTooLarge {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ModelAndView page = new ModelAndView("error", HttpStatus.PAYLOAD_TOO_LARGE);
            page.addObject("status", HttpStatus.PAYLOAD_TOO_LARGE.value());
            return page;
        }
        String limit = e.getMaxUploadSize() > 0 ? BodyTooLargeException.human(e.getMaxUploadSize()) : "1 MB";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The uploaded file is larger than " + limit + ", the most a model upload takes");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
