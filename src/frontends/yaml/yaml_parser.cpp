#include "frontends/yaml/yaml_parser.h"

#include <libfyaml.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/strings.h"

namespace cfglint {
namespace {

constexpr uint64_t kSaturate = UINT64_MAX / 4;

uint64_t add_weight(uint64_t a, uint64_t b) { return (a + b > kSaturate) ? kSaturate : a + b; }

// A mapping's keys so far, to their entry index: scanned while there are few (most mappings have a
// handful), hashed once there are many. Keys are views of the key nodes' text, which never moves.
class KeyIndex {
 public:
  // The index `key` already has, or SIZE_MAX after giving it `at`.
  size_t insert(std::string_view key, size_t at) {
    if (large_.empty()) {
      for (const auto& [k, i] : small_)
        if (k == key) return i;
      small_.emplace_back(key, at);
      if (small_.size() > 16) {
        large_.insert(small_.begin(), small_.end());
        small_ = {};  // from now on the hash is the index
      }
      return SIZE_MAX;
    }
    auto [it, inserted] = large_.emplace(key, at);
    return inserted ? SIZE_MAX : it->second;
  }

 private:
  std::vector<std::pair<std::string_view, size_t>> small_;
  std::unordered_map<std::string_view, size_t> large_;
};

struct Frame {
  Node* node;
  bool key_pending = true;  // for maps: the next node is a key
  Node* key = nullptr;
  std::vector<Node*> merge_sources;  // values of '<<' keys, applied at mapping end
  KeyIndex key_index;                // explicit keys -> entry index
  std::string anchor;
};

// No byte of `s` is `a` or `b`. find_first_of with a two-byte set calls memchr on the set for each byte
// of `s`: this ran for every scalar of every YAML file (2 % of the YAML front-end's instructions).
bool holds_neither(std::string_view s, char a, char b) {
  for (char c : s)
    if (c == a || c == b) return false;
  return true;
}

bool is_plain_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

class Builder {
 public:
  Builder(std::string_view text, const LineIndex& lines, size_t base, const TreeLimits& limits, ParsedTree& out)
      : text_(text), cursor_(text, lines), base_(base), limits_(limits), out_(out) {}

  // Returns false when parsing must stop (a limit was hit).
  bool on_event(fy_event* ev) {
    switch (ev->type) {
      case FYET_DOCUMENT_START:
        out_.documents.emplace_back();
        doc_ = &out_.documents.back();
        anchors_.clear();
        return true;
      case FYET_DOCUMENT_END:
        doc_ = nullptr;
        ++completed_;
        return true;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START: {
        if (!doc_) return true;
        if (stack_.size() >= limits_.max_depth) {
          error(range_of(fy_event_start_mark(ev), fy_event_end_mark(ev)),
                "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels; the file was not analysed further");
          return false;
        }
        Node* n = doc_->make();
        n->kind = ev->type == FYET_MAPPING_START ? Node::Kind::Map : Node::Kind::Seq;
        n->range = range_of(fy_event_start_mark(ev), fy_event_end_mark(ev));
        fy_token* anchor = ev->type == FYET_MAPPING_START ? ev->mapping_start.anchor : ev->sequence_start.anchor;
        Frame f{n};
        if (anchor) f.anchor = token_text(anchor);
        stack_.push_back(std::move(f));
        return true;
      }
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END: {
        if (!doc_ || stack_.empty()) return true;
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        Node* n = f.node;
        if (const fy_mark* m = fy_event_end_mark(ev)) {
          Position end = cursor_.at(base_ + m->input_pos);
          if (end > n->range.begin) n->range.end = end;
        }
        if (n->is_map() && !apply_merges(f)) return false;
        if (n->weight > expansion_limit()) {
          error(n->range, "aliases and merge keys expand to more than " + std::to_string(limits_.max_expanded_nodes) +
                              " nodes (an alias bomb?); the document was not analysed");
          return false;
        }
        if (!f.anchor.empty()) anchors_[f.anchor] = n;
        return attach(n);
      }
      case FYET_SCALAR: {
        if (!doc_) return true;
        Node* n = doc_->make();
        fy_token* tok = ev->scalar.value;
        enum fy_scalar_style style = fy_token_scalar_style(tok);
        n->text = scalar_text(tok, style, fy_event_start_mark(ev), fy_event_end_mark(ev));
        n->quoted = style != FYSS_PLAIN;
        n->kind = (!n->quoted && is_plain_null(n->text)) ? Node::Kind::Null : Node::Kind::Scalar;
        n->range = range_of(fy_event_start_mark(ev), fy_event_end_mark(ev));
        if (style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) widen_to_quotes(n->range, fy_event_start_mark(ev), fy_event_end_mark(ev));
        if (ev->scalar.anchor) anchors_[token_text(ev->scalar.anchor)] = n;
        return attach(n);
      }
      case FYET_ALIAS: {
        if (!doc_) return true;
        std::string name = token_text(ev->alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          error(range_of(fy_event_start_mark(ev), fy_event_end_mark(ev)), "alias *" + name + " refers to no complete anchor");
          Node* n = doc_->make();
          n->range = range_of(fy_event_start_mark(ev), fy_event_end_mark(ev));
          return attach(n);
        }
        alias_range_ = range_of(fy_event_start_mark(ev), fy_event_end_mark(ev));
        return attach(it->second, /*is_alias=*/true);
      }
      default:
        return true;
    }
  }

 private:
  std::string token_text(fy_token* tok) {
    size_t len = 0;
    const char* s = tok ? fy_token_get_text(tok, &len) : nullptr;
    return s ? std::string(s, len) : std::string();
  }

  // A scalar's value. A plain or quoted scalar on one line with nothing to unescape or fold is its own
  // source text: taken from it directly, since libfyaml's text call analyses every token (a tenth of the
  // YAML front-end's time).
  std::string scalar_text(fy_token* tok, fy_scalar_style style, const fy_mark* b, const fy_mark* e) {
    if (b && e && e->input_pos >= b->input_pos && base_ + e->input_pos <= text_.size()) {
      std::string_view raw = text_.substr(base_ + b->input_pos, e->input_pos - b->input_pos);
      bool one_line = holds_neither(raw, '\r', '\n');
      bool direct = one_line && (style == FYSS_PLAIN || (style == FYSS_SINGLE_QUOTED && raw.find('\'') == std::string_view::npos) ||
                                 (style == FYSS_DOUBLE_QUOTED && holds_neither(raw, '\\', '"')));
      if (direct) return std::string(raw);
    }
    return token_text(tok);
  }

  Range range_of(const fy_mark* b, const fy_mark* e) {
    Range r;
    if (b) r.begin = cursor_.at(base_ + b->input_pos);
    r.end = e ? cursor_.at(base_ + e->input_pos) : r.begin;
    if (r.end < r.begin) r.end = r.begin;
    return r;
  }

  // Expansion is judged against what the file really holds: a large plain file is fine, a few lines
  // of aliases that expand to millions of nodes (a "billion laughs") is not.
  uint64_t expansion_limit() const {
    uint64_t real = doc_ ? static_cast<uint64_t>(doc_->arena.size()) : 0;
    return std::max<uint64_t>(limits_.max_expanded_nodes, 8 * real);
  }

  // libfyaml marks a quoted scalar's content; the finding should cover the quotes too (one column each:
  // a quote is one byte on the line of the content next to it).
  void widen_to_quotes(Range& r, const fy_mark* b, const fy_mark* e) {
    if (!b || !e) return;
    size_t bo = base_ + b->input_pos, eo = base_ + e->input_pos;
    if (bo > 0 && (text_[bo - 1] == '"' || text_[bo - 1] == '\'') && r.begin.column > 1) --r.begin.column;
    if (eo < text_.size() && (text_[eo] == '"' || text_[eo] == '\'')) ++r.end.column;
  }

  void error(Range r, std::string msg) { out_.errors.push_back({r, std::move(msg)}); }

  bool attach(Node* n, bool is_alias = false) {
    if (stack_.empty()) {
      doc_->root = n;
      return true;
    }
    Frame& f = stack_.back();
    Node* parent = f.node;
    parent->weight = add_weight(parent->weight, n->weight);
    if (parent->weight > expansion_limit()) {
      error(is_alias ? alias_range_ : n->range,
            "aliases and merge keys expand to more than " + std::to_string(limits_.max_expanded_nodes) +
                " nodes (an alias bomb?); the document was not analysed");
      return false;
    }
    if (parent->is_seq()) {
      parent->items.push_back(n);
      return true;
    }
    if (f.key_pending) {
      f.key = n;
      f.key_pending = false;
      return true;
    }
    f.key_pending = true;
    Node* key = f.key;
    if (key->is_scalar() && !key->quoted && key->text == "<<") {
      f.merge_sources.push_back(n);
      return true;
    }
    if (key->is_scalar() || key->is_null()) {
      if (size_t earlier = f.key_index.insert(key->text, parent->entries.size()); earlier != SIZE_MAX) {
        out_.duplicates.push_back({key->text, parent->entries[earlier].first->range, key->range});
        parent->entries[earlier].second = n;  // last one wins, as in most loaders
        return true;
      }
    }
    parent->entries.emplace_back(key, n);
    return true;
  }

  // YAML merge keys: explicit keys win; among sources, the first listed wins.
  bool apply_merges(Frame& f) {
    Node* map = f.node;
    for (Node* src : f.merge_sources) {
      std::vector<Node*> maps;
      if (src->is_map()) maps.push_back(src);
      else if (src->is_seq()) {
        for (Node* m : src->items)
          if (m->is_map()) maps.push_back(m);
          else error(m->range, "a merge key (<<) list may only hold mappings");
      } else {
        error(src->range, "a merge key (<<) needs a mapping or a list of mappings");
      }
      for (Node* m : maps) {
        for (auto& [k, v] : m->entries) {
          if (f.key_index.insert(k->text, map->entries.size()) != SIZE_MAX) continue;
          map->entries.emplace_back(k, v);
          map->weight = add_weight(map->weight, add_weight(k->weight, v->weight));
          if (map->weight > expansion_limit()) {
            error(map->range, "aliases and merge keys expand to more than " + std::to_string(limits_.max_expanded_nodes) +
                                  " nodes (an alias bomb?); the document was not analysed");
            return false;
          }
        }
      }
    }
    return true;
  }

  std::string_view text_;
  PositionCursor cursor_;
  size_t base_;
  const TreeLimits& limits_;
  ParsedTree& out_;
  Document* doc_ = nullptr;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Node*> anchors_;
  Range alias_range_;

 public:
  size_t completed_ = 0;  // documents whose end was reached
};

struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};
struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};

// A libfyaml parser and the diagnostics it collects errors into. Making one costs more than parsing a
// small file (16,000 instructions; a monorepo has tens of thousands of YAML files), so each thread keeps
// one per syntax and resets it between files. One that met an error is dropped: its diagnostics keep
// every error they collected.
struct YamlParser {
  std::unique_ptr<fy_diag, DiagDeleter> diag;
  std::unique_ptr<fy_parser, ParserDeleter> parser;
  // Destroys both, the parser before the diagnostics it reports into (an assignment would go in member
  // order, diagnostics first).
  void drop() {
    parser.reset();
    diag.reset();
  }
};

YamlParser make_parser(TreeSyntax syntax) {
  YamlParser p;
  fy_diag_cfg dcfg;
  fy_diag_cfg_default(&dcfg);
  dcfg.fp = nullptr;
  dcfg.output_fn = [](fy_diag*, void*, const char*, size_t) {};
  dcfg.level = FYET_ERROR;
  p.diag.reset(fy_diag_create(&dcfg));
  if (p.diag) fy_diag_set_collect_errors(p.diag.get(), true);
  fy_parse_cfg cfg{};
  // Sloppy flow indentation: go-yaml (docker compose, kubectl) accepts a closing bracket at any
  // indentation, so refusing it would report files that deploy fine.
  cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_ALLOW_DUPLICATE_KEYS | FYPCF_SLOPPY_FLOW_INDENTATION |
                                              (syntax == TreeSyntax::Json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE));
  cfg.diag = p.diag.get();
  p.parser.reset(fy_parser_create(&cfg));
  return p;
}

// This thread's parser for `syntax`, reset and ready for a new input (its `parser` null when none could
// be made). drop() makes the next call build a fresh one.
YamlParser& thread_parser(TreeSyntax syntax) {
  thread_local YamlParser parsers[2];
  YamlParser& p = parsers[syntax == TreeSyntax::Json ? 1 : 0];
  if (p.parser && fy_parser_reset(p.parser.get()) != 0) p.drop();
  if (!p.parser) {
    p.drop();  // a diagnostics object left without its parser
    p = make_parser(syntax);
  }
  return p;
}

}  // namespace

ParsedTree parse_yaml(std::string_view text, const LineIndex& lines, TreeSyntax syntax, const TreeLimits& limits) {
  ParsedTree out;
  // Validate before libfyaml sees the bytes: it can loop forever on some invalid UTF-8 (e.g. "%\xff").
  size_t bad = 0;
  if (!valid_utf8(text, &bad)) {
    Position p = lines.at(text, bad);
    out.errors.push_back({{p, {p.line, p.column + 1}}, "the file is not valid UTF-8 (byte offset " + std::to_string(bad) + ")"});
    return out;
  }
  if (text.find('\0') != std::string_view::npos) {
    Position p = lines.at(text, text.find('\0'));
    out.errors.push_back({{p, {p.line, p.column + 1}}, "the file contains a NUL byte; it looks binary"});
    return out;
  }
  size_t base = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") base = 3;  // UTF-8 BOM
  std::string_view body = text.substr(base);

  YamlParser& yp = thread_parser(syntax);
  fy_parser* parser = yp.parser.get();
  fy_diag* diag = yp.diag.get();
  if (!parser || fy_parser_set_string(parser, body.data(), body.size()) != 0) {
    yp.drop();
    out.errors.push_back({{{1, 1}, {1, 1}}, "internal error: could not start the YAML parser"});
    return out;
  }
  Builder builder(text, lines, base, limits, out);
  bool stopped = false;
  while (fy_event* ev = fy_parser_parse(parser)) {
    bool ok = builder.on_event(ev);
    fy_parser_event_free(parser, ev);
    if (!ok) {
      stopped = true;
      break;
    }
  }
  if (stopped) {
    out.documents.clear();  // a limit was hit: analyse nothing of a half-built tree
    yp.drop();  // stopped mid-stream: not reused
    return out;
  }
  if (fy_parser_get_stream_error(parser)) {
    out.documents.resize(std::min(out.documents.size(), builder.completed_));  // drop a half-built document
    bool any = false;
    void* iter = nullptr;
    if (diag) {
      while (fy_diag_error* err = fy_diag_errors_iterate(diag, &iter)) {
        Position p;
        if (err->fyt) {
          const fy_mark* m = fy_token_start_mark(err->fyt);
          p = m ? lines.at(text, base + m->input_pos) : Position{static_cast<uint32_t>(err->line + 1), static_cast<uint32_t>(err->column + 1)};
        } else {
          p = {static_cast<uint32_t>(err->line + 1), static_cast<uint32_t>(err->column + 1)};
        }
        if (p.line == 0) p = {1, 1};
        out.errors.push_back({{p, {p.line, p.column + 1}}, err->msg ? err->msg : "syntax error"});
        any = true;
        break;  // the first error is the real one; later ones cascade from it
      }
    }
    if (!any) {
      Position p = lines.at(text, text.size());
      out.errors.push_back({{p, p}, syntax == TreeSyntax::Json ? "invalid JSON" : "invalid YAML"});
    }
    yp.drop();  // its diagnostics hold this error: not reused
  }
  return out;
}

}  // namespace cfglint
