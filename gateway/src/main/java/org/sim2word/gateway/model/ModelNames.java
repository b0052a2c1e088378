package org.sim2word.gateway.model;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.IdentifyOptions;

/**
 * Checks the models a job names against the registry, so a name that no worker has fails in the caller's request
 * rather than minutes later in a worker. While no worker has registered any model there is nothing to check
 * against: every name is accepted and a worker that lacks it fails the job with the reason.
 */
@ApplicationScoped
public class ModelNames {
    private final ModelRepository models;

    public ModelNames(ModelRepository models) {
        this.models = models;
    }

    /** Every problem with the models of a pair job's options, each naming its field under {@code prefix}. */
    public List<String> problems(String prefix, ExplainOptions options) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice(prefix + ".identificationModel", options.identificationModel(),
                ModelRole.IDENTIFICATION));
        attributes(prefix, options.attributeModels(), choices);
        choices.add(new Choice(prefix + ".verificationModel", options.verificationModel(), ModelRole.VERIFICATION));
        return check(choices);
    }

    /** Every problem with the models of an identification job's options. */
    public List<String> problems(String prefix, IdentifyOptions options) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice(prefix + ".identificationModel", options.identificationModel(),
                ModelRole.IDENTIFICATION));
        attributes(prefix, options.attributeModels(), choices);
        choices.add(new Choice(prefix + ".uncertaintyModel", options.uncertaintyModel(), ModelRole.UNCERTAINTY));
        return check(choices);
    }

    private List<String> check(List<Choice> choices) {
        if (choices.stream().allMatch(choice -> choice.name() == null)) {
            return List.of(); // every default: the worker's own choice, nothing to look up
        }
        Map<String, RegisteredModel> installed = models.registered();
        if (installed.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Choice choice : choices) {
            if (choice.name() == null) {
                continue;
            }
            RegisteredModel model = installed.get(choice.name());
            if (model == null) {
                problems.add(choice.field() + ": no model named '" + choice.name() + "' is installed; installed: "
                        + String.join(", ", installed.keySet()));
            } else if (!choice.role().isServedBy(model)) {
                problems.add(choice.field() + ": model '" + choice.name() + "' cannot serve as the "
                        + choice.role().wireName() + " model; its roles are " + roles(model));
            }
        }
        return problems;
    }

    private static void attributes(String prefix, List<String> names, List<Choice> choices) {
        for (int i = 0; i < names.size(); i++) {
            choices.add(new Choice(prefix + ".attributeModels[" + i + "]", blankToNull(names.get(i)),
                    ModelRole.ATTRIBUTE));
        }
    }

    private static String roles(RegisteredModel model) {
        return model.roles().isEmpty() ? "none" : String.join(", ", model.roles());
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    private record Choice(String field, String name, ModelRole role) {
    }
}
