#include "frontends/shell/shell_words.h"

#include <cctype>

namespace cfglint {
namespace {

bool is_assignment(const std::string& w) {
  if (w.empty() || !(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
  for (char c : w) {
    if (c == '=') return true;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return false;
}

bool is_redirection(const std::string& w) {
  size_t i = 0;
  while (i < w.size() && std::isdigit(static_cast<unsigned char>(w[i]))) ++i;
  return i < w.size() && (w[i] == '>' || w[i] == '<');
}

}  // namespace

std::vector<ShellCommand> shell_split(std::string_view s, bool drop_assignments) {
  std::vector<ShellCommand> out;
  ShellCommand cur;
  std::string word;
  bool in_word = false;
  size_t start = 0;  // where the current command's first word started
  auto end_word = [&] {
    if (in_word) {
      if (cur.argv.empty()) cur.offset = start;
      cur.argv.push_back(word);
    }
    word.clear();
    in_word = false;
  };
  auto end_command = [&](std::string sep) {
    end_word();
    // drop leading assignments and redirections
    std::vector<std::string> argv;
    bool leading = true;
    for (size_t i = 0; i < cur.argv.size(); ++i) {
      const std::string& w = cur.argv[i];
      if (leading && drop_assignments && is_assignment(w)) continue;
      leading = false;
      if (is_redirection(w)) {
        // "> file" form: skip the target too
        char last = w.back();
        bool output = w.find('>') != std::string::npos && w.find('&') == std::string::npos;
        std::string target;
        if ((last == '>' || last == '<') && i + 1 < cur.argv.size()) target = cur.argv[++i];
        else target = w.substr(w.find_first_of("<>") + 1 + (w.size() > 1 && w[w.find_first_of("<>") + 1] == '>'));
        if (output && !target.empty()) cur.redirected_to.push_back(std::move(target));
        continue;
      }
      argv.push_back(w);
    }
    if (!argv.empty()) {
      cur.argv = std::move(argv);
      out.push_back(std::move(cur));
    }
    cur = ShellCommand{};
    cur.separator_before = std::move(sep);
  };
  int paren_depth = 0;  // inside $( ... )
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!in_word && cur.argv.empty()) start = i;
    if (c == '\\' && i + 1 < s.size()) {
      if (s[i + 1] == '\n') { ++i; continue; }
      word += s[++i];
      in_word = true;
      continue;
    }
    if (c == '\'') {
      size_t e = s.find('\'', i + 1);
      if (e == std::string_view::npos) e = s.size();
      word.append(s.substr(i + 1, e - i - 1));
      in_word = true;
      i = e;
      continue;
    }
    if (c == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`')) ++i;
        word += s[i++];
      }
      in_word = true;
      continue;
    }
    if (c == '$' && i + 1 < s.size() && s[i + 1] == '(') {
      ++paren_depth;
      word += "$(";
      ++i;
      in_word = true;
      continue;
    }
    if (paren_depth > 0) {
      if (c == '(') ++paren_depth;
      if (c == ')') --paren_depth;
      word += c;
      continue;
    }
    if (c == '#' && !in_word) {  // comment to end of line
      while (i < s.size() && s[i] != '\n') ++i;
      end_command(";");
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') { end_word(); continue; }
    if (c == '\n' || c == ';') { end_command(";"); continue; }
    if (c == '&' && i + 1 < s.size() && s[i + 1] == '&') { end_command("&&"); ++i; continue; }
    if (c == '|' && i + 1 < s.size() && s[i + 1] == '|') { end_command("||"); ++i; continue; }
    if (c == '|') { end_command("|"); continue; }
    if (c == '&' && !(in_word && !word.empty() && word.back() == '>')) {
      if (i + 1 < s.size() && s[i + 1] == '>') { word += c; in_word = true; continue; }
      end_command("&");
      continue;
    }
    if ((c == '(' || c == ')') && !in_word) { end_command(";"); continue; }
    word += c;
    in_word = true;
  }
  end_command("");
  return out;
}

std::vector<std::string> shell_words(std::string_view line, bool keep_assignments) {
  std::vector<std::string> words;
  for (auto& cmd : shell_split(line, !keep_assignments))
    for (auto& w : cmd.argv) words.push_back(w);
  return words;
}

std::vector<std::string> files_written(const ShellCommand& cmd) {
  std::vector<std::string> out = cmd.redirected_to;
  const auto& argv = cmd.argv;
  size_t p = skip_process_wrappers(argv);
  if (p >= argv.size()) return out;
  std::string program = argv[p].substr(argv[p].rfind('/') == std::string::npos ? 0 : argv[p].rfind('/') + 1);
  std::vector<std::string> operands;  // the words after the program that are not options
  for (size_t i = p + 1; i < argv.size(); ++i)
    if (argv[i].empty() || argv[i][0] != '-') operands.push_back(argv[i]);
  if (program == "tee" || program == "touch") out.insert(out.end(), operands.begin(), operands.end());
  else if ((program == "cp" || program == "mv" || program == "install") && operands.size() >= 2) out.push_back(operands.back());
  return out;
}

bool is_shell_program(std::string_view word) {
  std::string_view p = word.substr(word.rfind('/') == std::string_view::npos ? 0 : word.rfind('/') + 1);
  return p == "sh" || p == "bash" || p == "ash" || p == "dash" || p == "zsh";
}

size_t skip_process_wrappers(const std::vector<std::string>& argv) {
  size_t i = 0;
  while (i < argv.size()) {
    std::string w = argv[i];
    auto slash = w.rfind('/');
    if (slash != std::string::npos) w = w.substr(slash + 1);
    if (w == "exec" || w == "nohup" || w == "tini" || w == "dumb-init" || w == "catatonit" || w == "gosu" || w == "su-exec") {
      ++i;
      if (w == "gosu" || w == "su-exec") ++i;  // user argument
      while (i < argv.size() && argv[i].rfind("-", 0) == 0 && argv[i] != "--") ++i;
      if (i < argv.size() && argv[i] == "--") ++i;
      continue;
    }
    if (w == "env") {
      ++i;
      while (i < argv.size() && (argv[i].find('=') != std::string::npos || argv[i].rfind("-", 0) == 0)) ++i;
      continue;
    }
    break;
  }
  return i;
}

std::string program_name(const std::vector<std::string>& argv) {
  size_t i = skip_process_wrappers(argv);
  if (i < argv.size()) {
    std::string w = argv[i];
    auto slash = w.rfind('/');
    if (slash != std::string::npos) w = w.substr(slash + 1);
    if ((w == "python" || w.rfind("python3", 0) == 0) && i + 2 < argv.size() + 1) {
      size_t j = i + 1;
      while (j < argv.size() && argv[j].rfind("-", 0) == 0 && argv[j] != "-m") ++j;
      if (j + 1 < argv.size() && argv[j] == "-m") return argv[j + 1];
      if (j < argv.size()) {
        std::string script = argv[j];
        auto s2 = script.rfind('/');
        return s2 == std::string::npos ? script : script.substr(s2 + 1);
      }
      return w;
    }
    return w;
  }
  return {};
}

}  // namespace cfglint
