package org.aftersaleshub.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer contact person.
 *
 * @param phone digits with an optional leading + and separators, up to 32 characters
 */
public record Contact(@NotBlank @Size(max = 64) String name, @Size(max = 32) @Pattern(regexp = "[+0-9 ()-]*") String phone,
                      @Email @Size(max = 254) String email, @Size(max = 64) String role) {
}
