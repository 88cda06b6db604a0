#include "core/strings.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <vector>

namespace cfglint {

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string to_lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string to_upper(std::string_view s) {
  std::string r(s);
  for (auto& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) r += sep;
    r += parts[i];
  }
  return r;
}

std::string dirname_of(std::string_view p) {
  size_t s = p.rfind('/');
  return s == std::string_view::npos ? std::string() : std::string(p.substr(0, s + 1));
}

namespace {
enum WordClass : uint8_t { kNotWord, kLower, kUpper, kDigitOrUnderscore };
constexpr auto kWordClass = [] {  // ASCII, no locale lookup
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigitOrUnderscore;
  t['_'] = kDigitOrUnderscore;
  return t;
}();
uint8_t word_class(char c) { return kWordClass[static_cast<unsigned char>(c)]; }

// The first A-Z byte at or after `i`, else s.size(). Eight bytes a step: in a byte below 0x80, adding
// 0x3F sets bit 7 from 'A' (0x41) up, adding 0x25 from '[' (0x5B) up, and neither carries out of it.
size_t next_upper_case_letter(std::string_view s, size_t i) {
  // the lowest set bit is the first byte on little-endian machines; others take the byte loop
  for (uint64_t w; std::endian::native == std::endian::little && i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    uint64_t low = w & 0x7F7F7F7F7F7F7F7FULL;
    uint64_t upper = (low + 0x3F3F3F3F3F3F3F3FULL) & ~(low + 0x2525252525252525ULL) & ~w & 0x8080808080808080ULL;
    if (upper != 0) return i + static_cast<size_t>(__builtin_ctzll(upper)) / 8;
  }
  for (; i < s.size(); ++i)
    if (word_class(s[i]) == kUpper) return i;
  return s.size();
}
}  // namespace

// Every byte of every non-Python file passes here. Most text has no upper-case letter: it is stepped
// over eight bytes at a time, and only the words around upper-case letters are looked at.
std::vector<std::string> upper_case_words(std::string_view text) {
  std::vector<std::string_view> words;
  const size_t n = text.size();
  for (size_t i = next_upper_case_letter(text, 0); i < n; i = next_upper_case_letter(text, i)) {
    size_t b = i, e = i + 1;
    while (b > 0 && word_class(text[b - 1]) != kNotWord) --b;
    bool lower = false;
    for (size_t k = b; k < i; ++k) lower |= word_class(text[k]) == kLower;
    for (uint8_t c; e < n && (c = word_class(text[e])) != kNotWord; ++e) lower |= c == kLower;
    if (!lower && e - b >= 2 && e - b <= 128) words.push_back(text.substr(b, e - b));
    i = e;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return {words.begin(), words.end()};
}

namespace {
// The first byte at or after `i` above 0x7F, else t.size(): 32 bytes, then 8, at a time while none has
// its high bit set, then byte by byte. Whole files pass here (is_ascii, valid_utf8).
size_t ascii_run_end(std::string_view t, size_t i) {
  const char* s = t.data();
  const size_t n = t.size();
  uint64_t w[4];
  while (i + 32 <= n && (std::memcpy(w, s + i, 32), ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) == 0)) i += 32;
  while (i + 8 <= n && (std::memcpy(w, s + i, 8), (w[0] & 0x8080808080808080ULL) == 0)) i += 8;
  while (i < n && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}
}  // namespace

bool is_ascii(std::string_view t) { return ascii_run_end(t, 0) == t.size(); }

bool valid_utf8(std::string_view t, size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  size_t n = t.size(), i = 0;
  auto fail = [&](size_t at) {
    if (bad_offset) *bad_offset = at;
    return false;
  };
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {  // ASCII: stepped over a word at a time
      i = ascii_run_end(t, i + 1);
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return fail(i);
    if (i + len > n) return fail(i);
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return fail(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return fail(i);
    i += len;
  }
  return true;
}

namespace {
bool match_class(std::string_view p, size_t& pi, char c) {
  // p[pi] == '['
  size_t i = pi + 1;
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) { negate = true; ++i; }
  bool matched = false;
  bool first = true;
  while (i < p.size() && (first || p[i] != ']')) {
    first = false;
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      i += 2;
    }
    if (c >= lo && c <= hi) matched = true;
    ++i;
  }
  if (i >= p.size()) return false;  // unterminated: treat as no match
  pi = i + 1;
  return matched != negate;
}

// `failed` remembers the (pattern rest, path rest) pairs, by length, already known not to match after a
// `**`: without it, n `**/` in a pattern cost (path depth)^n.
using GlobFailures = std::set<std::pair<size_t, size_t>>;

bool glob_rec(std::string_view p, std::string_view s, int budget_depth, GlobFailures& failed) {
  if (budget_depth > 64) return false;
  size_t pi = 0, si = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size() || pi < p.size()) {
    if (pi < p.size()) {
      if (p.substr(pi, 2) == "**") {
        // '**/' matches zero or more segments; trailing '**' matches everything.
        size_t rest = pi + 2;
        bool slash = rest < p.size() && p[rest] == '/';
        std::string_view tail = p.substr(slash ? rest + 1 : rest);
        if (tail.empty()) return true;
        for (size_t k = si; k <= s.size(); ++k) {
          if (k != si && s[k - 1] != '/') continue;
          std::string_view rest_s = s.substr(k);
          if (failed.count({tail.size(), rest_s.size()})) continue;
          if (glob_rec(tail, rest_s, budget_depth + 1, failed)) return true;
          failed.insert({tail.size(), rest_s.size()});
        }
        return false;
      }
      char c = p[pi];
      if (c == '*') {
        star_p = pi++;
        star_s = si;
        continue;
      }
      if (si < s.size()) {
        if (c == '?' && s[si] != '/') { ++pi; ++si; continue; }
        if (c == '[') {
          size_t save = pi;
          if (s[si] != '/' && match_class(p, pi, s[si])) { ++si; continue; }
          pi = save;
        } else if (c == '\\' && pi + 1 < p.size() && p[pi + 1] == s[si]) {
          pi += 2; ++si; continue;
        } else if (c == s[si]) {
          ++pi; ++si; continue;
        }
      }
    }
    if (star_p != std::string_view::npos && star_s < s.size() && s[star_s] != '/') {
      pi = star_p + 1;
      si = ++star_s;
      continue;
    }
    return false;
  }
  return true;
}
}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  GlobFailures failed;
  return glob_rec(pattern, path, 0, failed);
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string normalize_package_name(std::string_view name) {
  std::string r;
  bool sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      sep = true;
      continue;
    }
    if (sep && !r.empty()) r += '-';
    sep = false;
    r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return r;
}

uint64_t fnv1a(std::string_view data, uint64_t h) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

size_t utf8_sequence_length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;  // overlong
  return n;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

uint32_t unit_at(std::string_view s, size_t i, size_t width, bool big_endian) {
  uint32_t v = 0;
  for (size_t k = 0; k < width; ++k) {
    uint32_t byte = static_cast<unsigned char>(s[i + (big_endian ? k : width - 1 - k)]);
    v = (v << 8) | byte;
  }
  return v;
}

}  // namespace

std::string decode_bom_text(std::string_view s) {
  auto starts = [&](std::string_view bom) { return s.substr(0, bom.size()) == bom; };
  size_t width = 0;
  bool big = false;
  // UTF-32 first: its little-endian BOM begins with UTF-16's.
  if (starts(std::string_view("\xFF\xFE\x00\x00", 4))) width = 4;
  else if (starts(std::string_view("\x00\x00\xFE\xFF", 4))) width = 4, big = true;
  else if (starts("\xFF\xFE")) width = 2;
  else if (starts("\xFE\xFF")) width = 2, big = true;
  else return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = width; i < s.size(); i += width) {
    if (i + width > s.size()) {
      append_utf8(out, 0xFFFD);
      break;
    }
    uint32_t cp = unit_at(s, i, width, big);
    if (width == 2 && cp >= 0xD800 && cp <= 0xDBFF && i + 4 <= s.size()) {
      uint32_t low = unit_at(s, i + 2, 2, big);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string basename_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (!from.empty() && s.substr(i, from.size()) == from) {
      out += to;
      i += from.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::optional<uint64_t> parse_decimal(std::string_view s, uint64_t max) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > max) return std::nullopt;
  }
  return v;
}

namespace {

// How common each byte is in Python and deployment files, 0 the rarest and 255 the most common: the
// ranks of the byte counts of CPython's standard library and the bench corpus (bench/run.sh, 38 MB).
// find_text looks for a needle's rarest byte with memchr and compares the needle only where it is.
constexpr uint8_t kByteRank[256] = {
      0,   1,   2,   3,   4,   5,   6,   7,   8, 161, 245,   9, 104, 155,  10,  11,
     12,  13,  14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,
    255, 167, 229, 217, 163, 184, 164, 234, 237, 236, 192, 179, 233, 221, 239, 199,
    225, 216, 209, 197, 195, 193, 185, 181, 190, 183, 231, 171, 176, 227, 196, 166,
    172, 214, 187, 208, 201, 224, 200, 189, 186, 215, 162, 175, 210, 198, 213, 206,
    202, 165, 212, 211, 222, 194, 180, 182, 173, 174, 168, 204, 207, 203, 160, 241,
    170, 251, 228, 244, 242, 254, 243, 230, 232, 248, 191, 219, 246, 235, 247, 249,
    240, 205, 250, 253, 252, 238, 218, 220, 223, 226, 188, 178, 169, 177, 159,  28,
    156, 137, 145,  96, 112,  93,  81, 106, 133, 109,  87,  88,  76,  83,  65,  79,
     77, 131,  80, 103, 154,  75, 110, 117, 119, 153,  90,  94, 149, 151,  84, 124,
    140, 144,  97,  86, 142, 132, 116,  95, 125, 146,  85, 100, 129,  89,  91, 134,
    108, 120, 115, 111, 127, 135, 143,  69, 114, 122, 105,  92, 118, 147, 102, 138,
     29,  49, 150, 158, 128, 139,  30,  50,  31,  62,  57,  66,  67,  58, 121, 113,
    152, 148,  70,  63,  61,  71,  51,  74,  98,  78,  52,  53,  32,  33,  59,  34,
    126, 130, 157,  99,  72, 107, 136,  64,  68,  73,  60,  82, 101,  54,  35, 123,
    141,  36,  37,  55,  38,  39,  56,  40,  41,  42,  43,  44,  45,  46,  47,  48,
};

}  // namespace

size_t find_text(std::string_view text, std::string_view needle, size_t from) {
  if (from > text.size() || text.size() - from < needle.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  size_t pick = 0;  // the needle's rarest byte
  for (size_t i = 1; i < needle.size(); ++i)
    if (kByteRank[static_cast<uint8_t>(needle[i])] < kByteRank[static_cast<uint8_t>(needle[pick])]) pick = i;
  const char* data = text.data();
  const char* p = data + from + pick;                               // the rare byte's first possible place
  const char* last = data + text.size() - (needle.size() - pick);  // and its last
  // Text that is full of the rare byte (hostile or odd input) would make this quadratic in the needle:
  // after a run of misses, memmem's two-way search takes over, linear whatever the text.
  size_t misses = 0;
  while (p <= last) {
    p = static_cast<const char*>(memchr(p, needle[pick], static_cast<size_t>(last - p) + 1));
    if (!p) return std::string_view::npos;
    const char* start = p - pick;
    if (memcmp(start, needle.data(), needle.size()) == 0) return static_cast<size_t>(start - data);
    if (++misses > 64 + static_cast<size_t>(start - data - from) / 16) {
      const void* at = memmem(start + 1, static_cast<size_t>(data + text.size() - start - 1), needle.data(), needle.size());
      return at ? static_cast<size_t>(static_cast<const char*>(at) - data) : std::string_view::npos;
    }
    ++p;
  }
  return std::string_view::npos;
}

}  // namespace cfglint
