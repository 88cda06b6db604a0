#include "frontends/dockerfile/dockerfile_parser.h"

#include <cctype>

#include "core/strings.h"
#include "core/variable_reference.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {

struct Line {
  std::string_view text;  // without terminator
  size_t offset;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  size_t b = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      if (i == text.size() && b == i) break;
      std::string_view l = text.substr(b, i - b);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      out.push_back({l, b});
      b = i + 1;
    }
  }
  return out;
}

bool is_comment(std::string_view l) {
  std::string_view t = trim(l);
  return !t.empty() && t[0] == '#';
}

// Ends with the escape character (ignoring trailing whitespace)?
bool continues(std::string_view l, char escape) {
  std::string_view t = l;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return !t.empty() && t.back() == escape;
}

void parse_env_pairs(std::string_view args, std::vector<std::pair<std::string, std::string>>& out) {
  std::vector<std::string> words = shell_words(args, true);
  if (!words.empty() && words[0].find('=') == std::string::npos) {
    // legacy form: ENV KEY value with spaces
    std::string_view a = trim(args);
    size_t sp = a.find_first_of(" \t");
    std::string key(a.substr(0, sp));
    std::string value = sp == std::string_view::npos ? "" : std::string(trim(a.substr(sp)));
    out.emplace_back(key, value);
    return;
  }
  for (const auto& w : words) {
    size_t eq = w.find('=');
    if (eq == std::string::npos) out.emplace_back(w, "");
    else out.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
}

}  // namespace

bool parse_json_string_array(std::string_view s, std::vector<std::string>& out) {
  out.clear();
  size_t i = 0;
  auto ws = [&] { while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i; };
  ws();
  if (i >= s.size() || s[i] != '[') return false;
  ++i;
  ws();
  if (i < s.size() && s[i] == ']') { ++i; ws(); return i == s.size(); }
  while (true) {
    ws();
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    std::string v;
    while (i < s.size() && s[i] != '"') {
      char c = s[i];
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') {
        if (++i >= s.size()) return false;
        switch (s[i]) {
          case '"': v += '"'; break;
          case '\\': v += '\\'; break;
          case '/': v += '/'; break;
          case 'b': v += '\b'; break;
          case 'f': v += '\f'; break;
          case 'n': v += '\n'; break;
          case 'r': v += '\r'; break;
          case 't': v += '\t'; break;
          case 'u': {
            if (i + 4 >= s.size()) return false;
            unsigned cp = 0;
            for (int k = 1; k <= 4; ++k) {
              char h = s[i + k];
              if (!std::isxdigit(static_cast<unsigned char>(h))) return false;
              cp = cp * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
            }
            i += 4;
            if (cp < 0x80) v += static_cast<char>(cp);
            else if (cp < 0x800) { v += static_cast<char>(0xC0 | (cp >> 6)); v += static_cast<char>(0x80 | (cp & 0x3F)); }
            else { v += static_cast<char>(0xE0 | (cp >> 12)); v += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); v += static_cast<char>(0x80 | (cp & 0x3F)); }
            break;
          }
          default: return false;
        }
        ++i;
        continue;
      }
      v += c;
      ++i;
    }
    if (i >= s.size()) return false;
    ++i;
    out.push_back(std::move(v));
    ws();
    if (i < s.size() && s[i] == ',') { ++i; continue; }
    if (i < s.size() && s[i] == ']') { ++i; ws(); return i == s.size(); }
    return false;
  }
}

std::string expand_docker_vars(std::string_view s, const std::map<std::string, std::string>& vars, char escape) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == escape && i + 1 < s.size() && s[i + 1] == '$') { out += '$'; ++i; continue; }
    if (c != '$' || i + 1 >= s.size()) { out += c; continue; }
    auto lookup = [&](const std::string& name, bool& found) -> std::string {
      auto it = vars.find(name);
      found = it != vars.end();
      return found ? it->second : std::string();
    };
    if (s[i + 1] == '{') {
      size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) { out += c; continue; }
      BracedVariable v = parse_braced_variable(s.substr(i + 2, close - i - 2));
      bool found = false;
      std::string val = lookup(std::string(v.name), found);
      out += use_word(v, found, val.empty()) ? std::string(v.word) : v.op == '+' ? std::string() : val;
      i = close;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    if (j == i + 1) { out += c; continue; }
    bool found = false;
    out += lookup(std::string(s.substr(i + 1, j - i - 1)), found);
    i = j - 1;
  }
  return out;
}

const DockerInstruction* Dockerfile::last_in_stage(size_t stage, std::string_view keyword) const {
  for (int guard = 0; stage < stages.size() && guard < 64; ++guard) {
    const DockerStage& st = stages[stage];
    for (size_t i = st.end_instruction; i-- > st.first_instruction;)
      if (instructions[i].keyword == keyword) return &instructions[i];
    stage = st.base_stage;  // inherit from a named earlier stage used as base
  }
  return nullptr;
}

// Stage chains are bounded like last_in_stage: a Dockerfile of thousands of chained stages is hostile,
// and copying every ENV into every later stage would be quadratic.
std::map<std::string, std::string> Dockerfile::stage_env(size_t stage) const {
  std::vector<size_t> chain;
  for (int guard = 0; stage < stages.size() && guard < 64; ++guard) {
    chain.push_back(stage);
    stage = stages[stage].base_stage;
  }
  std::map<std::string, std::string> env;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const auto& [k, v] : stages[*it].env) env[k] = v;
  return env;
}

Dockerfile parse_dockerfile(std::string_view text, const LineIndex& lines) {
  Dockerfile df;
  size_t bad = 0;
  if (!valid_utf8(text, &bad)) {
    Position p = lines.at(text, bad);
    df.errors.push_back({{p, {p.line, p.column + 1}}, "the file is not valid UTF-8 (byte offset " + std::to_string(bad) + ")"});
    return df;
  }
  size_t base = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::vector<Line> ls = split_lines(text.substr(base));
  for (auto& l : ls) l.offset += base;

  // Parser directives: only at the very top, before any blank line, comment or instruction.
  size_t i = 0;
  for (; i < ls.size(); ++i) {
    std::string_view t = trim(ls[i].text);
    if (t.size() < 2 || t[0] != '#') break;
    std::string_view d = trim(t.substr(1));
    size_t eq = d.find('=');
    if (eq == std::string_view::npos) break;
    std::string key = to_lower(trim(d.substr(0, eq)));
    std::string_view val = trim(d.substr(eq + 1));
    if (key == "escape") {
      if (val == "`" || val == "\\") df.escape = val[0];
      else df.errors.push_back({lines.span(text, ls[i].offset, ls[i].offset + ls[i].text.size()), "invalid escape directive: must be \\ or `"});
    } else if (key != "syntax" && key != "check") {
      break;
    }
  }
  i = 0;
  std::map<std::string, std::string> scope;  // ARG/ENV values visible now
  std::map<std::string, size_t> stage_by_name;
  while (i < ls.size()) {
    std::string_view t = trim(ls[i].text);
    if (t.empty() || t[0] == '#') { ++i; continue; }
    size_t start_line = i;
    // Join continuation lines; comment lines and empty lines inside a continuation are dropped.
    std::string joined;
    size_t last = i;
    std::string_view cur = ls[i].text;
    while (true) {
      last = i;
      if (continues(cur, df.escape) && i + 1 < ls.size()) {
        std::string_view c = cur;
        while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
        c.remove_suffix(1);
        joined.append(c);
        ++i;
        while (i < ls.size() && (is_comment(ls[i].text) || trim(ls[i].text).empty()) && i + 1 < ls.size()) ++i;
        cur = ls[i].text;
        continue;
      }
      if (continues(cur, df.escape)) {  // continuation at end of file
        std::string_view c = cur;
        while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
        c.remove_suffix(1);
        joined.append(c);
      } else {
        joined.append(cur);
      }
      break;
    }
    ++i;
    DockerInstruction ins;
    std::string_view jt = trim(joined);
    size_t kw_end = jt.find_first_of(" \t");
    ins.keyword = to_upper(jt.substr(0, kw_end));
    ins.args = kw_end == std::string_view::npos ? "" : std::string(trim(jt.substr(kw_end)));
    size_t lead = ls[start_line].text.find_first_not_of(" \t");
    size_t kw_off = ls[start_line].offset + (lead == std::string_view::npos ? 0 : lead);
    ins.keyword_range = lines.span(text, kw_off, kw_off + std::min(jt.size(), kw_end == std::string_view::npos ? jt.size() : kw_end));

    // Heredocs (BuildKit): <<EOF, <<-EOF, <<"EOF"; bodies follow the instruction line.
    if (ins.keyword == "RUN" || ins.keyword == "COPY" || ins.keyword == "ADD") {
      size_t pos = 0;
      std::string a = ins.args;
      while ((pos = a.find("<<", pos)) != std::string::npos) {
        size_t p = pos + 2;
        bool strip_tabs = p < a.size() && a[p] == '-';
        if (strip_tabs) ++p;
        char q = (p < a.size() && (a[p] == '"' || a[p] == '\'')) ? a[p] : 0;
        if (q) ++p;
        size_t e = p;
        while (e < a.size() && (std::isalnum(static_cast<unsigned char>(a[e])) || a[e] == '_')) ++e;
        if (e == p) { pos = p; continue; }
        std::string delim = a.substr(p, e - p);
        std::string body;
        bool closed = false;
        while (i < ls.size()) {
          std::string_view l = ls[i].text;
          std::string_view cmp = l;
          if (strip_tabs) while (!cmp.empty() && cmp[0] == '\t') cmp.remove_prefix(1);
          last = i;
          ++i;
          if (cmp == delim) { closed = true; break; }
          body.append(l);
          body += '\n';
        }
        if (!closed)
          df.errors.push_back({lines.span(text, kw_off, kw_off + 1), "heredoc <<" + delim + " is never closed"});
        ins.heredocs.push_back(std::move(body));
        pos = e;
      }
    }
    ins.range = {lines.at(text, kw_off), lines.at(text, ls[last].offset + ls[last].text.size())};

    // Leading --flags.
    std::string_view rest = ins.args;
    while (rest.substr(0, 2) == "--") {
      size_t sp = rest.find_first_of(" \t");
      std::string_view flag = rest.substr(2, sp == std::string_view::npos ? rest.size() - 2 : sp - 2);
      size_t eq = flag.find('=');
      ins.flags.emplace_back(std::string(flag.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(flag.substr(eq + 1)));
      if (sp == std::string_view::npos) { rest = {}; break; }
      rest = trim(rest.substr(sp));
    }
    std::string_view command = rest;
    if (ins.keyword == "HEALTHCHECK") {
      if (starts_with_icase(command, "CMD") && (command.size() == 3 || std::isspace(static_cast<unsigned char>(command[3]))))
        command = trim(command.substr(3));
      else if (starts_with_icase(command, "NONE")) command = "NONE";
    }
    ins.command = std::string(command);
    if (ins.keyword == "RUN" || ins.keyword == "CMD" || ins.keyword == "ENTRYPOINT" || ins.keyword == "SHELL" ||
        ins.keyword == "HEALTHCHECK") {
      ins.looks_like_exec = !command.empty() && command[0] == '[';
      ins.exec_form = ins.looks_like_exec && parse_json_string_array(command, ins.exec_args);
    }

    // Stages and variables.
    if (ins.keyword == "FROM") {
      DockerStage st;
      std::vector<std::string> words = shell_words(rest);
      if (!words.empty()) st.base_image = words[0];
      if (words.size() >= 3 && iequals(words[1], "AS")) st.name = to_lower(words[2]);
      st.base_resolved = expand_docker_vars(st.base_image, df.global_args, df.escape);
      st.from_range = ins.range;
      st.first_instruction = df.instructions.size();  // the FROM itself
      if (words.empty()) df.errors.push_back({ins.range, "FROM needs an image"});
      // a stage built FROM an earlier named stage inherits its ENV, WORKDIR and USER
      scope = df.global_args;
      if (auto named = stage_by_name.find(to_lower(st.base_resolved)); named != stage_by_name.end()) {
        const DockerStage& prev = df.stages[named->second];
        st.base_stage = named->second;
        st.workdir = prev.workdir;
        st.user = prev.user;
        for (auto& [k, v] : df.stage_env(named->second)) scope[k] = v;
      }
      if (!st.name.empty()) stage_by_name[st.name] = df.stages.size();  // a later stage of the same name wins
      df.stages.push_back(std::move(st));
    } else if (ins.keyword == "ARG") {
      for (const auto& w : shell_words(rest, true)) {
        size_t eq = w.find('=');
        std::string name = w.substr(0, eq);
        std::string val = eq == std::string::npos ? "" : expand_docker_vars(w.substr(eq + 1), scope, df.escape);
        if (df.stages.empty()) df.global_args[name] = val;
        else if (eq != std::string::npos || !scope.count(name)) scope[name] = val;
      }
    } else if (ins.keyword == "ENV" && !df.stages.empty()) {
      std::vector<std::pair<std::string, std::string>> pairs;
      parse_env_pairs(rest, pairs);
      for (auto& [k, v] : pairs) {
        std::string val = expand_docker_vars(v, scope, df.escape);
        scope[k] = val;
        df.stages.back().env[k] = val;
      }
    } else if (ins.keyword == "WORKDIR" && !df.stages.empty()) {
      std::string w = expand_docker_vars(trim(rest), scope, df.escape);
      auto& st = df.stages.back();
      st.workdir = (!w.empty() && w[0] == '/') || st.workdir.empty() ? w : st.workdir + "/" + w;
    } else if (ins.keyword == "USER" && !df.stages.empty()) {
      df.stages.back().user = expand_docker_vars(trim(rest), scope, df.escape);
    } else if (df.stages.empty() && !ins.keyword.empty()) {
      df.errors.push_back({ins.keyword_range, ins.keyword + " before the first FROM: only ARG may come before FROM"});
    }
    ins.stage = df.stages.empty() ? 0 : df.stages.size() - 1;
    df.instructions.push_back(std::move(ins));
    if (!df.stages.empty()) df.stages.back().end_instruction = df.instructions.size();
  }
  df.instructions.shrink_to_fit();  // kept for the whole run: no growth slack
  return df;
}

}  // namespace cfglint
