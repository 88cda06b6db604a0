#include "model/settings_eval.h"

#include "core/strings.h"
#include "frontends/python/module_facts.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace cfglint {

ValueP PyValue::get(std::string_view key) const {
  if (kind != K::Dict) return nullptr;
  for (const auto& [k, v] : entries)
    if (k && k->kind == K::Str && k->text == key) return v;
  return nullptr;
}

namespace {
const std::string kNone;
}  // namespace

const std::string& PyValue::env_var() const { return env ? env->var : kNone; }
const std::string& PyValue::env_cast() const { return env ? env->cast : kNone; }
const std::string& PyValue::env_reader() const { return env ? env->reader : kNone; }
ValueP PyValue::env_default() const { return env ? env->fallback : nullptr; }
const std::string& PyValue::from_env_default() const { return env ? env->default_of : kNone; }

std::string PyValue::describe() const {
  switch (kind) {
    case K::Tuple: return "a tuple";
    case K::List: return "a list";
    case K::Set: return "a set";
    case K::Dict: return "a dict";
    case K::Str: return "a string";
    case K::Num: return "a number";
    case K::Bool: return "a bool";
    case K::None: return "None";
    case K::Env: return "an environment variable";
    case K::Function: return "a function";
    default: return "a value";
  }
}

namespace {

using py::Expr;
using py::Stmt;

// Work and size budgets: settings modules are small, and a hostile one (`S = S + S` doubling, calls that
// fan out, thousands of appends) must cost bounded time and memory. Past them a value is unknown.
constexpr size_t kMaxSteps = 200000;       // expressions evaluated plus statements run, per settings module
constexpr size_t kMaxItems = 4096;         // items of one list, tuple, set or dict
constexpr size_t kMaxString = 64 * 1024;   // bytes of one string

const char* kCspConstants[][2] = {{"SELF", "'self'"}, {"NONE", "'none'"}, {"NONCE", "'nonce-<generated>'"},
                                  {"UNSAFE_INLINE", "'unsafe-inline'"}, {"UNSAFE_EVAL", "'unsafe-eval'"},
                                  {"STRICT_DYNAMIC", "'strict-dynamic'"}, {"UNSAFE_HASHES", "'unsafe-hashes'"},
                                  {"WASM_UNSAFE_EVAL", "'wasm-unsafe-eval'"}, {"REPORT_SAMPLE", "'report-sample'"}};

// Integer +, - and * of two decimal literals, when neither the operands nor the result overflow.
std::optional<long long> integer_arithmetic(const std::string& op, const std::string& a, const std::string& b) {
  auto x = parse_decimal(a, 1LL << 40), y = parse_decimal(b, 1LL << 40);
  if (!x || !y) return std::nullopt;
  long long l = static_cast<long long>(*x), r = static_cast<long long>(*y);
  if (op == "+") return l + r;
  if (op == "-") return l - r;
  if (op == "*" && (r == 0 || l <= (1LL << 40) / r)) return l * r;
  return std::nullopt;
}

class Evaluator {
 public:
  Evaluator(const ModuleIndex& index, SettingsResult& out, std::set<std::string>& visiting, size_t& steps, SettingsCache* cache)
      : index_(index), out_(out), cache_(cache), visiting_(visiting), steps_(steps) {}

  void module(const PythonModule& m) {
    if (!m.source) return;
    mod_ = &m;
    src_ = m.source.get();
    path_ = std::make_shared<const std::string>(m.path);
    if (mentions_dotenv_loader(src_->text)) out_.reads_env_file = true;
    block(src_->ast.body, false, true);
    if (class_based_) may_be_overridden();
  }

 private:
  Location loc(uint32_t b, uint32_t e) const { return {mod_->path, src_->range(b, e), ""}; }
  Location loc(const Stmt* s) const { return loc(s->begin, s->end); }
  Location loc(const Expr* e) const { return loc(e->begin, e->end); }
  ValueOrigin at(uint32_t b, uint32_t e) const { return {path_, src_->range(b, e)}; }
  ValueOrigin at(const Stmt* s) const { return at(s->begin, s->end); }
  ValueOrigin at(const Expr* e) const { return at(e->begin, e->end); }

  ValueP make(PyValue::K k, const Expr* where, std::string text = {}) {
    auto v = std::make_shared<PyValue>();
    v->kind = k;
    v->text = std::move(text);
    if (where) v->origin = at(where);
    return v;
  }
  ValueP unknown(const Expr* at) { return make(PyValue::K::Unknown, at); }

  // ---- expressions ----
  static std::string dotted(const Expr* e) { return py::dotted_name(e); }

  // django-environ's URL readers name their variable when called without one: env.db() reads DATABASE_URL.
  static std::string implied_variable(const std::string& reader) {
    if (reader == "env.db" || reader == "env.db_url") return "DATABASE_URL";
    if (reader == "env.cache" || reader == "env.cache_url") return "CACHE_URL";
    if (reader == "env.email" || reader == "env.email_url") return "EMAIL_URL";
    if (reader == "env.search_url") return "SEARCH_URL";
    return "";
  }

  // Whether the module imports `package` (django-environ is `environ`, python-decouple `decouple`).
  bool imports_package(const std::string& package) const {
    for (const auto& i : mod_->imports)
      if (i.level == 0 && (i.module() == package || i.module().rfind(package + ".", 0) == 0)) return true;
    return false;
  }

  // Which readers raise on an unset variable without a default: os.environ[...] (KeyError), django-environ
  // (ImproperlyConfigured) unless its Env(...) scheme gives a default, python-decouple (UndefinedValueError).
  bool read_raises(const std::string& reader, const std::string& var, bool has_default) const {
    if (has_default) return false;
    if (reader == "os.environ[...]") return true;
    if (reader == "env" || reader.rfind("env.", 0) == 0) return imports_package("environ") && !env_scheme_.count(var);
    if (reader == "config" || reader.rfind("config.", 0) == 0) return imports_package("decouple");
    return false;
  }

  ValueP env_read(const Expr* call, const std::string& reader, const Expr* var, const Expr* dflt, std::string cast) {
    std::string name = var && var->kind == Expr::K::Str ? var->text : !var ? implied_variable(reader) : "";
    if (!name.empty()) {
      bool has_default = dflt != nullptr || reader.find(".get") != std::string::npos || reader.find("getenv") != std::string::npos ||
                         reader == "os.environ.setdefault";
      out_.env_reads.push_back({name, reader, read_raises(reader, name, has_default), maybe_now_, loc(call)});
      if (reader == "config" || reader.rfind("config.", 0) == 0) out_.reads_env_file |= imports_package("decouple");
    }
    auto v = std::make_shared<PyValue>();
    v->kind = PyValue::K::Env;
    v->origin = at(call);
    auto source = std::make_shared<EnvSource>();
    source->reader = reader;
    if (var && var->kind == Expr::K::Str) source->var = var->text;
    if (dflt) source->fallback = eval(dflt);
    source->cast = std::move(cast);
    v->env = std::move(source);
    return v;
  }

  ValueP eval(const Expr* e) {
    if (!e) return nullptr;
    if (!spend()) return unknown(e);
    switch (e->kind) {
      case Expr::K::Str: return make(PyValue::K::Str, e, e->text);
      case Expr::K::Num: return make(PyValue::K::Num, e, e->text);
      case Expr::K::Const:
        if (e->text == "None") return make(PyValue::K::None, e);
        return make(PyValue::K::Bool, e, e->text);
      case Expr::K::Tuple:
      case Expr::K::List:
      case Expr::K::Set: {
        auto v = std::make_shared<PyValue>();
        v->kind = e->kind == Expr::K::Tuple ? PyValue::K::Tuple : e->kind == Expr::K::List ? PyValue::K::List : PyValue::K::Set;
        v->origin = at(e);
        for (const Expr* i : e->items) {
          if (i->kind == Expr::K::Starred) {
            ValueP inner = eval(i->a);
            if (!inner || !inner->is_sequence()) return make(v->kind, e);  // contents unknown, kind known
            for (auto& x : inner->items) v->items.push_back(x);
          } else {
            v->items.push_back(eval(i));
          }
        }
        return v;
      }
      case Expr::K::Dict: {
        auto v = std::make_shared<PyValue>();
        v->kind = PyValue::K::Dict;
        v->origin = at(e);
        for (size_t i = 0; i + 1 < e->items.size(); i += 2) {
          if (!e->items[i]) {  // **other
            ValueP other = eval(e->items[i + 1]);
            if (other && other->kind == PyValue::K::Dict)
              for (auto& kv : other->entries) v->entries.push_back(kv);
            continue;
          }
          v->entries.emplace_back(eval(e->items[i]), eval(e->items[i + 1]));
        }
        return v;
      }
      case Expr::K::Name: {
        auto it = out_.names.find(e->text);
        if (it != out_.names.end() && it->second.value) return it->second.value;
        return unknown(e);
      }
      case Expr::K::Attr: {
        std::string d = dotted(e);
        for (auto& c : kCspConstants)
          if (d == std::string("csp.constants.") + c[0] || d == std::string("constants.") + c[0]) return make(PyValue::K::Str, e, c[1]);
        return unknown(e);
      }
      case Expr::K::Subscript: {
        std::string d = dotted(e->a);
        if (d == "os.environ" || d == "environ") return env_read(e, "os.environ[...]", e->b, nullptr, "");
        ValueP base = eval(e->a);
        if (base && base->kind == PyValue::K::Dict && e->b && e->b->kind == Expr::K::Str)
          if (ValueP v = base->get(e->b->text)) return v;
        return unknown(e);
      }
      case Expr::K::BinOp: {
        ValueP a = eval(e->a), b = eval(e->b);
        if (e->text == "+" && a && b && a->kind == b->kind && (a->kind == PyValue::K::Tuple || a->kind == PyValue::K::List)) {
          if (a->items.size() + b->items.size() > kMaxItems) return unknown(e);
          auto v = std::make_shared<PyValue>(*a);
          v->origin = at(e);
          v->partial = a->partial || b->partial;
          for (auto& x : b->items) v->items.push_back(x);
          return v;
        }
        // INSTALLED_APPS + SOCIAL_PROVIDERS (from the environment): what the known side holds is still there.
        if (e->text == "+" && a && b && (a->kind == PyValue::K::List || a->kind == PyValue::K::Tuple) && !b->is_sequence() &&
            b->kind == PyValue::K::Unknown && a->items.size() < kMaxItems) {
          auto v = std::make_shared<PyValue>(*a);
          v->origin = at(e);
          v->partial = true;
          return v;
        }
        if (a && b && a->kind == PyValue::K::Num && b->kind == PyValue::K::Num)  // 30 * 24 * 60 * 60
          if (auto n = integer_arithmetic(e->text, a->text, b->text)) return make(PyValue::K::Num, e, std::to_string(*n));
        if (e->text == "+" && a && b && a->kind == PyValue::K::Str && b->kind == PyValue::K::Str) {
          if (a->text.size() + b->text.size() > kMaxString) return unknown(e);
          return make(PyValue::K::Str, e, a->text + b->text);
        }
        return unknown(e);
      }
      case Expr::K::Call: return call(e);
      default: return unknown(e);
    }
  }

  ValueP call(const Expr* e) {
    std::string f = dotted(e->a);
    auto kw = [&](const char* name) -> const Expr* {
      for (const auto& [k, v] : e->keywords)
        if (k == name) return v;
      return nullptr;
    };
    auto arg = [&](size_t i) -> const Expr* { return i < e->items.size() ? e->items[i] : nullptr; };
    if (f == "environ.Env" || f == "Env")  // environ.Env(DEBUG=(bool, False)): variables with a default
      for (const auto& [k, v] : e->keywords)
        if (!k.empty() && v && v->kind == Expr::K::Tuple && v->items.size() >= 2) env_scheme_.insert(k);
    if (f == "os.environ.get" || f == "environ.get" || f == "os.getenv" || f == "getenv")
      return env_read(e, f, arg(0), arg(1) ? arg(1) : kw("default"), "");
    if (f == "os.environ.setdefault") return env_read(e, f, arg(0), arg(1), "");
    // django-environ: env("X"), env.bool("X", default=...), environ.Env().str(...)
    // Only a method of the reader itself: `env.str("X", default="").rstrip("/")` is rstrip of a string.
    bool reader_method = (f.rfind("env.", 0) == 0 || f.rfind("config.", 0) == 0) && std::count(f.begin(), f.end(), '.') == 1 &&
                         e->a->kind == Expr::K::Attr && e->a->a && e->a->a->kind == Expr::K::Name;
    if (f == "env" || f == "config" || reader_method) {
      std::string cast = f.find('.') == std::string::npos ? "" : f.substr(f.find('.') + 1);
      if (const Expr* c = kw("cast")) cast = dotted(c).empty() ? cast : dotted(c);
      return env_read(e, f, arg(0), kw("default") ? kw("default") : (f == "env" ? nullptr : arg(1)), cast);
    }
    if ((f == "int" || f == "float" || f == "bool" || f == "str") && e->items.size() == 1 && e->keywords.empty()) {
      ValueP x = eval(arg(0));
      if (x && x->kind == PyValue::K::Env && x->env_cast().empty()) {  // int(os.environ.get("X", 3600))
        auto v = std::make_shared<PyValue>(*x);
        auto source = std::make_shared<EnvSource>(*x->env);
        source->cast = f;
        v->env = std::move(source);
        return v;
      }
      if (x && f == "int" && (x->kind == PyValue::K::Num || (x->kind == PyValue::K::Str && !x->text.empty() &&
                                                           x->text.find_first_not_of("0123456789") == std::string::npos)))
        return make(PyValue::K::Num, e, x->text);
      if (x && f == "str" && x->kind == PyValue::K::Str) return x;
      return unknown(e);
    }
    if ((f == "list" || f == "tuple" || f == "set" || f == "sorted") && e->items.size() <= 1) {
      ValueP x = arg(0) ? eval(arg(0)) : nullptr;
      if (arg(0) && !(x && x->is_sequence())) return unknown(e);  // list(map(...)), list(env_value): not known to be empty
      auto v = std::make_shared<PyValue>();
      v->kind = f == "tuple" ? PyValue::K::Tuple : f == "set" ? PyValue::K::Set : PyValue::K::List;
      v->origin = at(e);
      if (x) v->items = x->items;
      return v;
    }
    if (f == "dict" && e->items.empty()) {
      auto v = std::make_shared<PyValue>();
      v->kind = PyValue::K::Dict;
      v->origin = at(e);
      for (const auto& [k, val] : e->keywords)
        if (!k.empty()) v->entries.emplace_back(make(PyValue::K::Str, nullptr, k), eval(val));
      return v;
    }
    return unknown(e);
  }

  // ---- mutation through a target expression: X, X["a"]["b"] ----
  struct Place {
    std::string setting;
    std::string text;
    ValueP value;
    std::vector<std::string> path;  // dict keys below the setting
  };

  bool place(const Expr* t, Place& p) {
    if (t->kind == Expr::K::Name) {
      p.setting = p.text = t->text;
      auto it = out_.names.find(t->text);
      p.value = it == out_.names.end() ? nullptr : it->second.value;
      return true;
    }
    if (t->kind == Expr::K::Subscript && t->b && t->b->kind == Expr::K::Str) {
      if (!place(t->a, p)) return false;
      p.text += "[\"" + t->b->text + "\"]";
      p.path.push_back(t->b->text);
      p.value = p.value ? p.value->get(t->b->text) : nullptr;
      return true;
    }
    return false;
  }

  // Rebuilds the setting with `replacement` at `path` (values are immutable and shared).
  ValueP replace_at(const ValueP& root, const std::vector<std::string>& path, size_t i, const ValueP& replacement) {
    if (i == path.size()) return replacement;
    if (!root || root->kind != PyValue::K::Dict) return root;
    auto copy = std::make_shared<PyValue>(*root);
    for (auto& [k, v] : copy->entries)
      if (k && k->kind == PyValue::K::Str && k->text == path[i]) v = replace_at(v, path, i + 1, replacement);
    return copy;
  }

  void store(const Place& p, ValueP v) {
    auto it = out_.names.find(p.setting);
    if (it == out_.names.end()) return;
    it->second.value = replace_at(it->second.value, p.path, 0, v);
  }

  // The value before a mutation is kept only when the mutation fails (a rule shows where it was made):
  // keeping every version of a list that grows by appends would be quadratic memory.
  void mutation(const Place& p, const std::string& how, const Stmt* s, bool maybe, bool fails, std::string error) {
    out_.mutations.push_back({p.setting, p.text, how, fails ? p.value : nullptr, loc(s), maybe, fails, std::move(error)});
  }

  // ---- statements ----
  void assign_name(const std::string& name, ValueP v, const Stmt* s, bool maybe, bool module_level) {
    auto it = out_.names.find(name);
    if (module_level && !maybe && it != out_.names.end() && !it->second.maybe && it->second.where.file == mod_->path &&
        !references(s->value, name) && !name.empty() && std::isupper(static_cast<unsigned char>(name[0])))
      out_.reassignments.push_back({name, it->second.where, loc(s)});
    out_.names[name] = {std::move(v), loc(s), maybe};
  }

  static bool references(const Expr* e, const std::string& name) {
    if (!e) return false;
    if (e->kind == Expr::K::Name && e->text == name) return true;
    for (const Expr* i : e->items)
      if (references(i, name)) return true;
    for (const auto& [k, v] : e->keywords)
      if (references(v, name)) return true;
    return references(e->a, name) || references(e->b, name) || references(e->c, name);
  }

  void block(const std::vector<Stmt*>& body, bool maybe, bool module_level) {
    for (const Stmt* s : body) statement(s, maybe, module_level);
  }

  // One unit of the work budget; false once it is spent (the result is then incomplete).
  bool spend() {
    if (++steps_ <= kMaxSteps) return true;
    out_.complete = false;
    return false;
  }

  static bool catches_import_error(const Stmt& s) {
    for (const auto& h : s.handlers) {
      if (!h.type) return true;  // a bare except
      std::vector<const Expr*> types = h.type->kind == Expr::K::Tuple ? std::vector<const Expr*>(h.type->items.begin(), h.type->items.end())
                                                                        : std::vector<const Expr*>{h.type};
      for (const Expr* t : types) {
        std::string n = py::dotted_name(t);
        if (n == "ImportError" || n == "ModuleNotFoundError" || n == "Exception") return true;
      }
    }
    return false;
  }

  static bool too_big(const PyValue& v) { return v.items.size() >= kMaxItems || v.entries.size() >= kMaxItems; }

  void statement(const Stmt* s, bool maybe, bool module_level) {
    bool outer = maybe_now_;
    maybe_now_ = maybe;
    statement_on_path(s, maybe, module_level);
    maybe_now_ = outer;
  }

  void statement_on_path(const Stmt* s, bool maybe, bool module_level) {
    if (!spend()) return;
    switch (s->kind) {
      case Stmt::K::Assign: {
        ValueP v = eval(s->value);
        for (const Expr* t : s->targets) {
          if (t->kind == Expr::K::Name) {
            assign_name(t->text, v, s, maybe, module_level);
          } else if (t->kind == Expr::K::Subscript) {
            if (t->a && t->a->kind == Expr::K::Call && py::dotted_name(t->a->a) == "globals") out_.complete = false;  // globals()[k] = v
            Place p;
            if (!place(t->a, p) || !p.value) continue;
            if (p.value->kind == PyValue::K::Tuple)
              mutation(p, "item assignment", s, maybe, true, "TypeError: 'tuple' object does not support item assignment");
            else if (p.value->kind == PyValue::K::Dict && t->b && t->b->kind == Expr::K::Str) {
              if (too_big(*p.value)) { store(p, unknown(t)); continue; }
              auto copy = std::make_shared<PyValue>(*p.value);
              bool found = false;
              for (auto& [k, old] : copy->entries)
                if (k && k->kind == PyValue::K::Str && k->text == t->b->text) { old = v; found = true; }
              if (!found) copy->entries.emplace_back(make(PyValue::K::Str, t->b, t->b->text), v);
              store(p, copy);
            }
          }
        }
        break;
      }
      case Stmt::K::AnnAssign:
        if (!s->targets.empty() && s->targets[0]->kind == Expr::K::Name && s->value)
          assign_name(s->targets[0]->text, eval(s->value), s, maybe, module_level);
        break;
      case Stmt::K::AugAssign: {
        Place p;
        if (s->targets.empty() || !place(s->targets[0], p) || !p.value) break;
        ValueP rhs = eval(s->value);
        if (s->op == "+=" && p.value->kind == PyValue::K::Tuple) {
          if (rhs && rhs->kind == PyValue::K::Tuple) {  // legal: a new tuple
            if (too_big(*p.value)) { store(p, unknown(s->value)); break; }
            auto v = std::make_shared<PyValue>(*p.value);
            for (auto& x : rhs->items) v->items.push_back(x);
            store(p, v);
          } else if (rhs && (rhs->kind == PyValue::K::List || rhs->kind == PyValue::K::Set)) {
            mutation(p, "+=", s, maybe, true,
                     std::string("TypeError: can only concatenate tuple (not \"") + (rhs->kind == PyValue::K::List ? "list" : "set") + "\") to tuple");
          }
        } else if (s->op == "+=" && p.value->kind == PyValue::K::List && rhs && rhs->is_sequence()) {
          if (too_big(*p.value)) { store(p, unknown(s->value)); break; }
          auto v = std::make_shared<PyValue>(*p.value);
          for (auto& x : rhs->items) v->items.push_back(x);
          store(p, v);
          mutation(p, "+=", s, maybe, false, "");
        }
        break;
      }
      case Stmt::K::Expr:
        if (s->value && s->value->kind == Expr::K::Call) expression_call(s, s->value, maybe, module_level);
        break;
      case Stmt::K::ImportFrom: import_from(s, maybe);
        break;
      case Stmt::K::If:
      case Stmt::K::For:
      case Stmt::K::While:
        block(s->body, true, module_level);
        block(s->orelse, true, module_level);
        break;
      case Stmt::K::With: block(s->body, maybe, module_level); break;
      case Stmt::K::Try: {
        // `try: from .local import * / except ImportError: pass`: an optional override the repository
        // does not have. A third-party module's absence keeps the view complete; a project package's
        // missing module is one each deployment may create (import_from: may_be_overridden).
        bool optional_before = optional_import_;
        optional_import_ |= catches_import_error(*s);
        block(s->body, true, module_level);
        optional_import_ = optional_before;
        for (const auto& h : s->handlers) block(h.body, true, module_level);
        block(s->orelse, true, module_level);
        block(s->finalbody, maybe, module_level);
        break;
      }
      case Stmt::K::FunctionDef: {
        auto v = std::make_shared<PyValue>();
        v->kind = PyValue::K::Function;
        v->function = s;
        v->origin = at(s);
        out_.names[s->name] = {v, loc(s), maybe};
        break;
      }
      case Stmt::K::ClassDef:
        if (++class_depth_ < 8) block(s->body, maybe, false);
        --class_depth_;
        break;
      default: break;
    }
  }

  // The list after `list.method(...)`, as far as it is known: an extend by something that is not a
  // literal sequence (filter(), a generator) adds items nobody can count, so the list becomes partial
  // rather than staying as it was (`ALLOWED_HOSTS = []` then `.extend(filter(None, ...))` is not empty).
  ValueP list_after_method(const PyValue& before, const std::string& method, const Expr* call) {
    auto v = std::make_shared<PyValue>(before);
    const auto& args = call->items;
    if (method == "append" && args.size() == 1) {
      v->items.push_back(eval(args[0]));
    } else if (method == "extend" && args.size() == 1) {
      ValueP x = eval(args[0]);
      if (x && x->is_sequence()) {
        v->items.insert(v->items.end(), x->items.begin(), x->items.end());
        v->partial |= x->partial;
      } else {
        v->partial = true;
      }
    } else if (method == "insert" && args.size() == 2) {
      long n = static_cast<long>(v->items.size());
      std::optional<long> at = literal_index(args[0]);
      if (!at) return unknown(call);  // where it goes matters to ordered settings (MIDDLEWARE)
      long i = *at < 0 ? std::max(0L, *at + n) : std::min(*at, n);
      v->items.insert(v->items.begin() + i, eval(args[1]));
    } else if (method == "clear" && args.empty()) {
      v->items.clear();
      v->partial = false;
    } else if (method == "reverse" && args.empty() && !v->partial) {
      std::reverse(v->items.begin(), v->items.end());
    } else {
      return unknown(call);  // remove/pop/sort, or arguments cfglint does not follow
    }
    return v;
  }

  static std::optional<long> literal_index(const Expr* e) {
    bool negative = false;
    if (e->kind == Expr::K::UnaryOp && e->text == "-" && e->a) {
      negative = true;
      e = e->a;
    }
    if (e->kind != Expr::K::Num || e->text.empty() || e->text.size() > 9 ||
        e->text.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    long n = std::stol(e->text);
    return negative ? -n : n;
  }

  void expression_call(const Stmt* s, const Expr* call, bool maybe, bool module_level) {
    const Expr* f = call->a;
    // exec() of a configuration file, globals().update(...), setattr on the module: names appear that
    // no assignment shows, so an absent name is no longer known to be absent.
    std::string callee = py::dotted_name(f);
    // django-split-settings' include() runs other files into this module's globals.
    if ((callee == "include" || ends_with(callee, ".include")) && imports_package("split_settings")) out_.complete = false;
    if (callee == "exec" || callee == "globals.update" || callee == "setattr" || callee == "vars.update" ||
        (f->kind == Expr::K::Attr && f->a && f->a->kind == Expr::K::Call && (py::dotted_name(f->a->a) == "globals" || py::dotted_name(f->a->a) == "vars")))
      out_.complete = false;
    if (f->kind == Expr::K::Name) {  // a module-level call of a function defined here runs its body now
      auto it = out_.names.find(f->text);
      if (it != out_.names.end() && it->second.value && it->second.value->kind == PyValue::K::Function && call_depth_ < 8) {
        ++call_depth_;
        block(it->second.value->function->body, maybe, false);
        --call_depth_;
      }
      return;
    }
    if (f->kind != Expr::K::Attr) return;
    static const std::set<std::string> list_methods = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"};
    if (!list_methods.count(f->text)) return;
    Place p;
    if (!place(f->a, p) || !p.value) return;
    if (p.value->kind == PyValue::K::Tuple) {
      mutation(p, f->text, s, maybe, true, "AttributeError: 'tuple' object has no attribute '" + f->text + "'");
    } else if (p.value->kind == PyValue::K::List) {
      if (too_big(*p.value)) { store(p, unknown(call)); return; }
      store(p, list_after_method(*p.value, f->text, call));
      mutation(p, f->text, s, maybe, false, "");
    }
    (void)module_level;
  }

  void import_from(const Stmt* s, bool maybe) {
    // django-configurations: the settings are the attributes of the class DJANGO_CONFIGURATION names
    // (`class Production(Common)`), chosen at run time; module-level names say nothing certain.
    if (s->level == 0 && (s->module == "configurations" || s->module.rfind("configurations.", 0) == 0)) class_based_ = true;
    if (s->module == "csp.constants" || (s->level == 0 && s->module == "csp" )) {
      for (const auto& n : s->names)
        for (auto& c : kCspConstants)
          if (n.name == c[0]) out_.names[n.asname.empty() ? n.name : n.asname] = {make(PyValue::K::Str, nullptr, c[1]), loc(s), maybe};
      return;
    }
    std::string target = index_.absolute(*mod_, s->level, s->module);
    const PythonModule* other = index_.find(target, mod_);
    bool star = std::any_of(s->names.begin(), s->names.end(), [](const auto& n) { return n.name == "*"; });
    if (other && !other->source && uses_django_configurations(*other, 0)) class_based_ = true;
    if (!other || !other->source) {
      if (star && !optional_import_) out_.complete = false;  // names from a module cfglint cannot read
      if (star && optional_import_ && !other && project_package_of(target)) may_be_overridden();
      return;
    }
    if (visiting_.count(other->path)) {  // an import cycle: this result lacks what the cycle would bring
      cut_ = true;
      return;
    }
    if (visiting_.size() >= 32) {  // a chain of settings modules deeper than any real project
      out_.complete = false;
      cut_ = true;
      return;
    }
    // Run the other settings module into a fresh result (or take the one already made), then copy what
    // the import brings in.
    const SettingsResult& sub = imported_result(*other);
    out_.complete &= sub.complete;
    out_.reads_env_file |= sub.reads_env_file;
    for (auto r : sub.env_reads) {
      r.maybe |= maybe;
      out_.env_reads.push_back(std::move(r));
    }
    for (auto& m : sub.mutations) out_.mutations.push_back(m);
    for (auto& r : sub.reassignments) out_.reassignments.push_back(r);
    for (const auto& n : s->names) {
      if (n.name == "*") {
        for (auto& [name, val] : sub.names)
          if (!name.empty() && name[0] != '_') out_.names[name] = {val.value, val.where, maybe || val.maybe};
      } else if (auto it = sub.names.find(n.name); it != sub.names.end()) {
        out_.names[n.asname.empty() ? n.name : n.asname] = {it->second.value, it->second.where, maybe || it->second.maybe};
      }
    }
  }

  // A project module (kept without its syntax tree: classes do not read like settings) that uses
  // django-configurations, itself or through the project modules it imports.
  bool uses_django_configurations(const PythonModule& m, int depth) const {
    for (const auto& imp : m.imports) {
      std::string_view name = imp.module();
      if (imp.level == 0 && (name == "configurations" || name.rfind("configurations.", 0) == 0)) return true;
      if (depth < 3)
        if (const PythonModule* next = index_.find(index_.absolute(m, imp.level, name), &m); next && next != &m)
          if (uses_django_configurations(*next, depth + 1)) return true;
    }
    return false;
  }

  // `try: from .environment.config import *` where the package is the project's but the module is not in
  // the repository: the local-settings pattern, a file each deployment creates (gitignored, mounted, written
  // by an entrypoint). What it sets is unknown, so every name set so far may be overridden.
  bool project_package_of(const std::string& dotted) const {
    size_t dot = dotted.rfind('.');
    return dot != std::string::npos && index_.find(dotted.substr(0, dot), mod_) != nullptr;
  }
  void may_be_overridden() {
    out_.complete = false;
    for (auto& [name, v] : out_.names) v.maybe = true;
  }

  const SettingsResult& imported_result(const PythonModule& other) {
    if (cache_)
      if (auto it = cache_->find(other.path); it != cache_->end()) return *it->second;
    auto sub = std::make_shared<SettingsResult>();
    sub->path = other.path;
    visiting_.insert(other.path);
    Evaluator child(index_, *sub, visiting_, steps_, cache_);  // one budget for the whole import tree
    child.module(other);
    visiting_.erase(other.path);
    cut_ |= child.cut_;
    held_.push_back(sub);
    if (cache_ && !child.cut_ && steps_ <= kMaxSteps) cache_->emplace(other.path, sub);
    return *sub;
  }

 public:
  bool cut() const { return cut_; }

 private:
  const ModuleIndex& index_;
  SettingsResult& out_;
  SettingsCache* cache_ = nullptr;
  bool cut_ = false;  // an import cycle or the depth limit left something out
  std::vector<std::shared_ptr<const SettingsResult>> held_;  // results made here and not cached
  std::set<std::string>& visiting_;
  const PythonModule* mod_ = nullptr;
  const PythonSource* src_ = nullptr;
  std::shared_ptr<const std::string> path_;  // mod_->path, shared by the values made from it
  size_t& steps_;
  int class_depth_ = 0, call_depth_ = 0;
  bool optional_import_ = false;  // inside a try whose handler catches ImportError
  bool class_based_ = false;      // django-configurations classes (import_from)
  bool maybe_now_ = false;        // the statement being evaluated is on a conditional path
  std::set<std::string> env_scheme_;  // django-environ Env(...) keywords: read with their default
};

}  // namespace

namespace {

// The default of an environment read, as the cast the code applies turns it: nullptr when not derivable.
ValueP default_value(const PyValue& env) {
  ValueP d = env.env_default();
  if (!d) return nullptr;
  const std::string& cast = env.env_cast();
  bool digits = d->kind == PyValue::K::Str && !d->text.empty() && d->text.find_first_not_of("0123456789") == std::string::npos;
  if (cast.empty() || cast == "str") return d->kind == PyValue::K::Unknown || d->kind == PyValue::K::Env ? nullptr : d;
  if (cast == "int") {
    if (d->kind == PyValue::K::Num) return d;
    if (!digits) return nullptr;
    auto v = std::make_shared<PyValue>(*d);
    v->kind = PyValue::K::Num;
    return v;
  }
  if (cast == "bool") return d->kind == PyValue::K::Bool ? d : nullptr;  // env.bool("X", default=True)
  if (cast == "list" || cast == "tuple") return d->is_sequence() ? d : nullptr;
  return nullptr;
}

}  // namespace

void apply_environment_defaults(SettingsResult& settings, const std::unordered_set<std::string>& provided) {
  for (auto& [name, sv] : settings.names) {
    const ValueP& v = sv.value;
    if (!v || v->kind != PyValue::K::Env || v->env_var().empty() || provided.count(v->env_var())) continue;
    if (ValueP d = default_value(*v)) {
      auto resolved = std::make_shared<PyValue>(*d);
      auto source = std::make_shared<EnvSource>();
      source->default_of = v->env_var();
      resolved->env = std::move(source);
      resolved->origin = v->origin;  // where the variable is read
      sv.value = resolved;
    }
  }
}

bool mentions_dotenv_loader(std::string_view text) {
  return text.find("dotenv") != std::string_view::npos || text.find("read_env") != std::string_view::npos;
}

SettingsResult evaluate_settings(const PythonModule& module, const ModuleIndex& index, SettingsCache* cache) {
  if (cache)
    if (auto it = cache->find(module.path); it != cache->end()) return *it->second;
  SettingsResult r;
  r.path = module.path;
  std::set<std::string> visiting{module.path};
  size_t steps = 0;
  Evaluator e(index, r, visiting, steps, cache);
  e.module(module);
  if (cache && !e.cut() && steps <= kMaxSteps) cache->emplace(module.path, std::make_shared<const SettingsResult>(r));
  return r;
}

}  // namespace cfglint
