// Small string helpers used across layers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint {

std::string_view trim(std::string_view s);
bool starts_with_icase(std::string_view s, std::string_view prefix);
bool iequals(std::string_view a, std::string_view b);
bool ends_with(std::string_view s, std::string_view suffix);
// Where `needle` first occurs in `text` at or after `from` (npos when nowhere): memchr for the needle's
// rarest byte, then one comparison. On whole files this is several times faster than string::find, which
// compares at every occurrence of the needle's first byte, and than glibc's memmem. Linear in the text.
size_t find_text(std::string_view text, std::string_view needle, size_t from = 0);
inline bool contains_text(std::string_view text, std::string_view needle) { return find_text(text, needle) != std::string_view::npos; }
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// `s` with every occurrence of `from` (not empty) replaced by `to`.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to);
// The folder part of a '/'-separated path, with its trailing '/' ("a/b/c.py" -> "a/b/", "c.py" -> "").
std::string dirname_of(std::string_view path);
// The last part of a '/'-separated path ("a/b/c.py" -> "c.py").
std::string basename_of(std::string_view path);
// A container path without trailing slashes ("/app/" -> "/app"); "/" stays "/".
std::string without_trailing_slash(std::string path);
// True when `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
// On failure `bad_offset` is the offset of the first invalid byte.
bool valid_utf8(std::string_view text, size_t* bad_offset = nullptr);
// The distinct FOO_BAR words of a text, sorted: runs of letters, digits and underscores of 2 to 128
// bytes with an upper-case letter and no lower-case one. The names of environment variables the text
// may set or read.
std::vector<std::string> upper_case_words(std::string_view text);
// No byte of the text is above 0x7F: each byte is a code point, and a column is a byte count.
bool is_ascii(std::string_view text);
// Glob match with '*' (not crossing '/'), '?', '[...]', and '**' (any number of path segments).
bool glob_match(std::string_view pattern, std::string_view path);
// Python package name normalisation (PEP 503): lower case, runs of -_. become '-'.
std::string normalize_package_name(std::string_view name);
// `s` as a decimal number without sign, when it is all digits and at most `max` (ports, retries):
// never throws, whatever the input.
std::optional<uint64_t> parse_decimal(std::string_view s, uint64_t max);
// Levenshtein distance, for "did you mean" suggestions (words of command lines, not documents).
size_t edit_distance(std::string_view a, std::string_view b);
// 64-bit FNV-1a, for fingerprints.
uint64_t fnv1a(std::string_view data, uint64_t seed = 1469598103934665603ULL);
std::string hex64(uint64_t v);

// Length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when the bytes there are not one.
size_t utf8_sequence_length(std::string_view s, size_t i);
// Appends code point `cp` as UTF-8; surrogates and values past U+10FFFF (which no valid UTF-8 holds)
// become U+FFFD.
void append_utf8(std::string& out, uint32_t cp);
// Text that starts with a UTF-16 or UTF-32 byte order mark, as UTF-8 (pip reads requirements files
// that way). Anything else (UTF-8, with or without its BOM) is returned unchanged. Unpaired surrogates and
// truncated units become U+FFFD.
std::string decode_bom_text(std::string_view s);
// `s` with every invalid UTF-8 byte replaced by U+FFFD, as JSON writers and XML need.
std::string to_valid_utf8(std::string_view s);

}  // namespace cfglint
