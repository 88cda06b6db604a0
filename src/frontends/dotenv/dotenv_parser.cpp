#include "frontends/dotenv/dotenv_parser.h"

#include <cctype>

#include "core/strings.h"

namespace cfglint {

const EnvEntry* EnvFile::find(std::string_view key) const {
  const EnvEntry* found = nullptr;
  for (const auto& e : entries)
    if (e.key == key) found = &e;  // the last assignment wins
  return found;
}

EnvFile parse_dotenv(std::string_view text, const LineIndex& lines) {
  EnvFile out;
  size_t bad = 0;
  if (!valid_utf8(text, &bad)) {
    Position p = lines.at(text, bad);
    out.errors.push_back({{p, {p.line, p.column + 1}}, "the file is not valid UTF-8 (byte offset " + std::to_string(bad) + ")"});
    return out;
  }
  size_t pos = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    size_t line_start = pos;
    pos = eol + 1;
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#' || trim(line).empty()) continue;
    if (line.substr(i, 7) == "export " ) i += 7;
    while (i < line.size() && line[i] == ' ') ++i;
    size_t key_b = i;
    while (i < line.size() && line[i] != '=' && line[i] != ' ' && line[i] != '\t') ++i;
    std::string key(line.substr(key_b, i - key_b));
    size_t key_e = i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    bool valid_key = !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_');
    for (char c : key)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) valid_key = false;
    if (!valid_key || (i < line.size() && line[i] != '=')) {
      if (i >= line.size() && valid_key) {
        // A bare KEY line: compose takes it from the shell environment.
        EnvEntry e;
        e.key = key;
        e.range = lines.span(text, line_start, line_start + line.size());
        e.key_range = lines.span(text, line_start + key_b, line_start + key_e);
        out.entries.push_back(std::move(e));
        continue;
      }
      out.errors.push_back({lines.span(text, line_start + key_b, line_start + line.size()),
                            "expected KEY=value (an environment variable name, '=', then the value)"});
      continue;
    }
    ++i;  // '='
    EnvEntry e;
    e.key = key;
    e.key_range = lines.span(text, line_start + key_b, line_start + key_e);
    std::string_view rest = line.substr(std::min(i, line.size()));
    while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) rest.remove_prefix(1);
    size_t line_end = line_start + line.size();
    if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) {
      char q = rest[0];
      e.quoted = true;
      // quoted values may span lines
      size_t abs = line_start + (rest.data() - line.data()) + 1;
      std::string v;
      bool closed = false;
      while (abs < text.size()) {
        char c = text[abs];
        if (c == '\\' && q == '"' && abs + 1 < text.size()) {
          char n = text[abs + 1];
          v += n == 'n' ? '\n' : n;
          abs += 2;
          continue;
        }
        if (c == q) { closed = true; break; }
        v += c;
        ++abs;
      }
      if (!closed) {
        out.errors.push_back({lines.span(text, line_start + key_b, line_end), "unterminated quoted value"});
        break;
      }
      size_t next_eol = text.find('\n', abs);
      pos = next_eol == std::string_view::npos ? text.size() : next_eol + 1;
      line_end = next_eol == std::string_view::npos ? text.size() : next_eol;
      e.value = std::move(v);
    } else {
      // unquoted: an inline comment needs whitespace before '#'
      size_t hash = std::string_view::npos;
      for (size_t k = 0; k < rest.size(); ++k)
        if (rest[k] == '#' && k > 0 && (rest[k - 1] == ' ' || rest[k - 1] == '\t')) { hash = k; break; }
      e.value = std::string(trim(rest.substr(0, hash)));
    }
    if (line_end > line_start && text[line_end - 1] == '\r') --line_end;
    e.range = lines.span(text, line_start + key_b, line_end);
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace cfglint
