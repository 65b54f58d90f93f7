package dev.tarkka.series;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of an upload as the API description shows it: a JSON array of {@link ResultInput results}. Uploads are
 * read by hand ({@link UploadParser}, for Nyrkio's coercions and field-ordered errors); this only names the shape.
 */
@Schema(name = "Upload", type = SchemaType.ARRAY, implementation = ResultInput.class, minItems = 1, examples = """
        [{"timestamp": 1700000000,
          "metrics": [{"name": "latency", "unit": "ms", "value": 12.5, "direction": "lower_is_better"}],
          "attributes": {"git_repo": "https://github.com/myorg/myrepo", "branch": "main", "git_commit": "a1b2c3"},
          "extra_info": {"runner": "ubuntu-latest"}}]""")
public final class UploadBody {

    private UploadBody() {
    }
}
