// Package value converts between Lua values and the data formats klua speaks
// (JSON, YAML, and the few plain Go values other packages hold). It is the
// one place that owns the value rules, so that every path through klua agrees
// on them:
//
//   - A JSON/YAML object becomes a table marked with the object marker, an
//     array becomes a table marked with the array marker. Empty ones are marked
//     too, so `{}` and `[]` survive a round trip.
//   - JSON null (YAML null, ~ or an empty value) becomes the Null sentinel, a
//     userdata that prints as "null". Arrays therefore never have holes, and a
//     merge patch can delete a field by setting it to Null.
//   - A table without a marker is an array if its keys are exactly 1..n
//     (n > 0) and an object otherwise; the empty table is an object. A marked
//     table follows its marker: an array-marked table with other keys is an
//     error, an object-marked table writes its integer keys as strings.
//   - Lua numbers are float64. A whole number within ±2^53 is written as an
//     integer (3, never 3.0); other numbers use the shortest representation
//     that reads back the same. NaN and ±Inf are errors. Decoded integers
//     beyond ±2^53 lose precision, as they do in JavaScript.
//   - Object keys are written sorted by their bytes, so output is
//     deterministic and diffs are stable.
//   - Strings must be valid UTF-8 to be encoded. Decoding replaces invalid
//     UTF-8 and lone surrogate escapes with U+FFFD, as encoding/json does.
//
// Encoding errors name the path of the offending value, JSON-pointer-like
// with 0-based array indices: `spec.containers[0].image: cannot encode a
// function`. Keys that are not plain identifiers are quoted:
// `metadata.labels["app.kubernetes.io/name"]`. Decoding errors name the line
// and column (columns count characters, starting at 1).
//
// The markers and the Null sentinel are per Lua state: they live in the
// state's registry and are created on first use.
package value
