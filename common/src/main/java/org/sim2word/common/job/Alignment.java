package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How uploaded photos become the aligned face crops the method works on (method §2.1).
 *
 * @param mode     {@code auto}: square 112, 150 or 224 pixel images are taken as aligned crops, anything else is
 *                 searched for faces and aligned; {@code always}; {@code never} (the image is the crop)
 * @param template {@code dlib-150} (dlib's face chip, the default verification net's input), {@code vggface-224}
 *                 (the best of the five pose templates of the original code) or {@code arcface-112}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alignment(String mode, String template) {
    public static final String AUTO = "auto";
    public static final String ALWAYS = "always";
    public static final String NEVER = "never";
    public static final List<String> MODES = List.of(AUTO, ALWAYS, NEVER);
    public static final List<String> TEMPLATES = List.of("dlib-150", "vggface-224", "arcface-112");

    public Alignment {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(template, "template");
    }

    public static Alignment defaults() {
        return fromJson(null, null);
    }

    @JsonCreator
    public static Alignment fromJson(@JsonProperty("mode") String mode, @JsonProperty("template") String template) {
        return new Alignment(mode == null ? AUTO : mode.strip().toLowerCase(Locale.ROOT),
                template == null ? "dlib-150" : template.strip().toLowerCase(Locale.ROOT));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!MODES.contains(mode)) {
            problems.add("alignment.mode must be one of " + MODES + ", was " + mode);
        }
        if (!TEMPLATES.contains(template)) {
            problems.add("alignment.template must be one of " + TEMPLATES + ", was " + template);
        }
        return problems;
    }
}
