package io.fynedesk.connector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Writes problem+json bodies straight to a servlet response (security filters, error page). */
@Component
public class ProblemWriter {

  private final ObjectMapper mapper;

  ProblemWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes the problem with its status. */
  public void write(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    mapper.writeValue(response.getOutputStream(), problem);
  }

  /** Serializes a problem to bytes. */
  public byte[] bytes(Problem problem) {
    try {
      return mapper.writeValueAsBytes(problem);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
