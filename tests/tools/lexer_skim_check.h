// The Python lexer's skimming of def bodies, checked against the full lexer: same errors, and the same
// tokens once those bodies are emptied. Used by pyfacts --check-skim (stdlib and Django), the unit tests
// (hostile snippets) and the Python fuzz harness (whatever libFuzzer makes).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "frontends/python/python_lexer.h"

namespace cfglint::py {

// The tokens of a stream with every body the lexer would skim emptied: after a def header that ends its
// line, everything between the INDENT and its DEDENT goes.
inline std::vector<Token> without_def_bodies(std::string_view text, const std::vector<Token>& toks) {
  std::vector<Token> out;
  size_t line_first = 0;
  auto layout = [](Tok k) { return k == Tok::Newline || k == Tok::Indent || k == Tok::Dedent; };
  for (size_t i = 0; i < toks.size(); ++i) {
    out.push_back(toks[i]);
    if (toks[i].kind != Tok::Newline) {
      if (i > 0 && layout(toks[i - 1].kind) && !layout(toks[i].kind)) line_first = i;
      continue;
    }
    auto name_is = [&](size_t k, std::string_view w) { return k < i && toks[k].kind == Tok::Name && toks[k].text(text) == w; };
    bool header = i > 0 && toks[i - 1].kind == Tok::Op && toks[i - 1].text(text) == ":" &&
                  (name_is(line_first, "def") || (name_is(line_first, "async") && name_is(line_first + 1, "def")));
    if (!header || i + 1 >= toks.size() || toks[i + 1].kind != Tok::Indent) continue;
    out.push_back(toks[++i]);
    for (int depth = 1; i + 1 < toks.size() && depth > 0;) {
      const Token& t = toks[++i];
      depth += t.kind == Tok::Indent ? 1 : t.kind == Tok::Dedent ? -1 : 0;
      if (depth == 0) out.push_back(t);
    }
  }
  return out;
}

// "" when skimming agrees with the full lexer on `text`, else what differs.
inline std::string skim_difference(std::string_view text) {
  LexResult full = tokenize(text), skim = tokenize(text, true);
  std::string diff;
  bool same_errors = full.errors.size() == skim.errors.size();
  for (size_t i = 0; same_errors && i < full.errors.size(); ++i)
    same_errors = full.errors[i].offset == skim.errors[i].offset && full.errors[i].message == skim.errors[i].message;
  if (!same_errors) diff += "errors differ (" + std::to_string(full.errors.size()) + " full, " + std::to_string(skim.errors.size()) + " skimmed); ";
  auto a = without_def_bodies(text, full.tokens), b = without_def_bodies(text, skim.tokens);
  size_t k = 0;
  while (k < a.size() && k < b.size() && a[k].kind == b[k].kind && a[k].begin == b[k].begin && a[k].end == b[k].end) ++k;
  if (k < a.size() || k < b.size())
    diff += "tokens differ at offset " + std::to_string(k < a.size() ? a[k].begin : text.size()) + " (full) / " +
            std::to_string(k < b.size() ? b[k].begin : text.size()) + " (skimmed)";
  return diff;
}

}  // namespace cfglint::py
