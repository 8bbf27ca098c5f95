package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.QueryValidator;
import java.nio.file.Path;
import io.promoagent.schema.testing.DemoShop;
import java.util.List;

/** The demo data model ({@link DemoShop}) and shortcuts for checking JSON against it. */
final class Demo {

    private static QueryValidator validator;

    private Demo() {
    }

    static DataModel model() {
        return DemoShop.model();
    }

    static synchronized QueryValidator validator() {
        if (validator == null) {
            validator = QueryValidator.of(model());
        }
        return validator;
    }

    /** The errors of a query in JSON, with single quotes standing for double quotes. */
    static List<QueryError> errors(String json) {
        InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                () -> validator().validateJson(json.replace('\'', '"')));
        assertThat(e).as("the query is invalid: " + json).isNotNull();
        return e.errors();
    }

    /** The only error of a query in JSON. */
    static QueryError error(String json) {
        List<QueryError> errors = errors(json);
        assertThat(errors).as(json).hasSize(1);
        return errors.get(0);
    }
}
