#include "model/image_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"
#include "model/git_index.h"
#include "model/pip_installs.h"

namespace cfglint {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxStageHops = 16;  // COPY --from chains; a cycle cannot occur (only earlier stages), this bounds the work

// "/app" + "x/../y" -> "/app/y"; absolute paths keep their leading slash.
std::string absolute(const std::string& path, const std::string& workdir) {
  std::string joined = !path.empty() && path[0] == '/' ? path : (workdir.empty() ? "/" : workdir) + "/" + path;
  return "/" + normalize_path(joined);
}

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

// $VAR / ${VAR} expanded when every name is known; nullopt when one is not (the path is then unknown).
std::optional<std::string> expand_known(const std::string& s, const std::map<std::string, std::string>& vars, char escape) {
  if (s.find('$') == std::string::npos) return s;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '$' || (i > 0 && s[i - 1] == escape)) continue;
    size_t j = i + 1 + (s[i + 1] == '{');
    size_t k = j;
    while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_')) ++k;
    if (k > j && !vars.count(s.substr(j, k - j))) return std::nullopt;
  }
  return expand_docker_vars(s, vars, escape);
}

struct FileFs {
  bool file = false, dir = false;
};
FileFs kind_of(const Project& project, const std::string& repo_path) {
  std::error_code ec;
  fs::file_status st = fs::status(fs::path(project.root) / repo_path, ec);
  return {!ec && fs::is_regular_file(st), !ec && fs::is_directory(st)};
}

std::string repo_join(const std::string& a, const std::string& b) { return normalize_path(a.empty() ? b : a + "/" + b); }

// The WORKDIR in effect before each instruction of the Dockerfile.
std::vector<std::string> workdirs(const Dockerfile& df) {
  std::vector<std::string> at(df.instructions.size(), "/");
  std::vector<std::string> end_of_stage(df.stages.size(), "/");
  for (size_t s = 0; s < df.stages.size(); ++s) {
    const DockerStage& st = df.stages[s];
    std::string wd = st.base_stage < s ? end_of_stage[st.base_stage] : "/";
    auto vars = df.stage_env(s);
    for (size_t i = st.first_instruction; i < st.end_instruction && i < at.size(); ++i) {
      at[i] = wd;
      if (df.instructions[i].keyword == "WORKDIR") {
        auto dir = expand_known(std::string(trim(df.instructions[i].args)), vars, df.escape);
        wd = dir ? absolute(*dir, wd) : "";  // unknown from here on
      }
    }
    end_of_stage[s] = wd;
  }
  return at;
}

struct CopyArgs {
  std::vector<std::string> sources;
  std::string dest;
  std::string from;   // --from
  std::string chmod;  // --chmod
};

std::optional<CopyArgs> copy_args(const DockerInstruction& ins) {
  if (!ins.heredocs.empty()) return std::nullopt;
  CopyArgs c;
  std::vector<std::string> words;
  if (!ins.command.empty() && ins.command[0] == '[') {
    if (!parse_json_string_array(ins.command, words)) return std::nullopt;
  } else {
    words = shell_words(ins.command, true);
  }
  if (words.size() < 2) return std::nullopt;
  c.dest = words.back();
  c.sources.assign(words.begin(), words.end() - 1);
  for (const auto& [name, value] : ins.flags) {
    if (name == "from") c.from = value;
    if (name == "chmod") c.chmod = value;
  }
  return c;
}

// An octal or symbolic chmod mode that grants execute to someone.
bool grants_execute(const std::string& mode) {
  if (mode.empty()) return false;
  if (mode.find_first_not_of("01234567") == std::string::npos) {
    for (char d : mode.substr(mode.size() > 3 ? mode.size() - 3 : 0))
      if ((d - '0') & 1) return true;
    return false;
  }
  return mode.find('x') != std::string::npos && mode.find('-') == std::string::npos;
}

// Whether a RUN's path argument may name `path` (or, with `recursive`, a folder above it).
bool may_cover(const std::string& arg, const std::string& path, const std::string& workdir, bool recursive) {
  if (arg.find('$') != std::string::npos || arg.find('`') != std::string::npos || workdir.empty()) return true;
  std::string a = absolute(arg, workdir);
  if (a == path || (has_glob(a) && glob_match(a, path))) return true;
  return recursive && path.compare(0, a.size() + 1, a + "/") == 0;
}

enum class RunEffect { None, Executable, LineEndings, Replaced };

// A command that names files only to read them (`pip install -r requirements.txt`, `cat`, `grep`).
bool reads_only(const std::vector<std::string>& argv) {
  static const std::set<std::string> readers = {"chmod", "chown", "ls", "cat", "echo", "test", "[", "grep", "head", "tail", "wc",
                                                 "sha256sum", "md5sum", "diff", "cmp", "stat", "file", "pip-sync"};
  return readers.count(basename_of(argv[0])) || pip_install(argv).has_value();
}

// What one RUN does to `path`: makes it executable, converts its line endings, or replaces it (cp, mv,
// a redirect, sed -i ...: cfglint then cannot tell what the file is).
std::vector<RunEffect> run_effects(const DockerInstruction& ins, const std::string& path, const std::string& workdir) {
  std::vector<RunEffect> out;
  std::string script = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
  for (const auto& h : ins.heredocs) script += "\n" + h;
  std::string base = basename_of(path);
  for (const auto& cmd : shell_split(script)) {
    const auto& a = cmd.argv;
    if (a.empty()) continue;
    std::string p = basename_of(a[0]);
    bool mentions = false;
    for (const auto& w : a) mentions |= w.find(base) != std::string::npos || w.find('*') != std::string::npos || w.find('$') != std::string::npos;
    if (p == "chmod") {
      bool recursive = false;
      std::string mode;
      for (size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-R" || a[i] == "--recursive") { recursive = true; continue; }
        if (mode.empty() && (a[i][0] != '-' || a[i].find('x') != std::string::npos)) { mode = a[i]; continue; }
        if (!mode.empty() && grants_execute(mode) && may_cover(a[i], path, workdir, recursive)) out.push_back(RunEffect::Executable);
      }
      continue;
    }
    bool chmod_inside = false, cr_inside = false;
    for (const auto& w : a) {
      chmod_inside |= basename_of(w) == "chmod";
      cr_inside |= w.find("\\r") != std::string::npos || w.find('\r') != std::string::npos;
    }
    if (chmod_inside) out.push_back(RunEffect::Executable);  // find ... -exec chmod, xargs chmod
    if (p == "dos2unix" || p == "fromdos" || ((p == "sed" || p == "tr" || p == "perl") && cr_inside)) {
      out.push_back(RunEffect::LineEndings);
      continue;
    }
    if (mentions && !reads_only(a)) out.push_back(RunEffect::Replaced);
  }
  if (script.find('>') != std::string::npos && script.find(base) != std::string::npos) out.push_back(RunEffect::Replaced);
  return out;
}

}  // namespace

class ImageFileResolver {
 public:
  ImageFileResolver(const Project& project, const DockerfileUnit& df, const std::string& context)
      : project_(project), df_(df.parsed), path_(df.path), context_(context), workdirs_(workdirs(df.parsed)),
        copies_(df.parsed.instructions.size()), stage_vars_(df.parsed.stages.size()) {}

  // The file at `path` at the end of stage `stage`.
  std::optional<ImageFile> at_end_of(size_t stage, const std::string& path, int hops) const {
    if (hops > kMaxStageHops || stage >= df_.stages.size()) return std::nullopt;
    // The stage chain from the external base up to `stage`.
    std::vector<size_t> chain;
    for (size_t s = stage; s < df_.stages.size() && chain.size() < 64; s = df_.stages[s].base_stage) chain.insert(chain.begin(), s);
    std::vector<size_t> order;  // every instruction of the chain, oldest first
    for (size_t s : chain)
      for (size_t i = df_.stages[s].first_instruction; i < df_.stages[s].end_instruction; ++i) order.push_back(i);
    for (size_t k = order.size(); k-- > 0;) {
      const DockerInstruction& ins = df_.instructions[order[k]];
      if (ins.keyword != "COPY" && ins.keyword != "ADD") continue;
      auto placed = placed_by(ins, order[k], path, hops);
      if (!placed) continue;
      if (!*placed) return std::nullopt;  // it is put there, by something cfglint cannot follow
      ImageFile f = **placed;
      for (size_t later = k + 1; later < order.size(); ++later) {
        const DockerInstruction& run = df_.instructions[order[later]];
        if (run.keyword != "RUN") continue;
        for (RunEffect e : run_effects(run, path, workdirs_[order[later]])) {
          if (e == RunEffect::Replaced) return std::nullopt;
          if (e == RunEffect::Executable && !f.made_executable) {
            f.made_executable = true;
            f.made_executable_by = {path_, run.range, "RUN chmod"};
          }
          if (e == RunEffect::LineEndings) f.line_endings_fixed = true;
        }
      }
      return f;
    }
    return std::nullopt;
  }

 private:
  // nullopt: this instruction does not put `path` in place. Inner nullopt: it does, from a source cfglint
  // cannot follow.
  std::optional<std::optional<ImageFile>> placed_by(const DockerInstruction& ins, size_t index, const std::string& path, int hops) const {
    const std::optional<CopyArgs>& copy = copy_at(index);
    const std::string& workdir = workdirs_[index];
    if (!copy || workdir.empty()) return std::nullopt;
    const std::map<std::string, std::string>& vars = vars_of(ins.stage);
    auto dest_raw = expand_known(copy->dest, vars, df_.escape);
    if (!dest_raw) return std::nullopt;
    std::string dest = absolute(*dest_raw, workdir);
    bool dest_is_dir = ends_with(*dest_raw, "/") || copy->sources.size() > 1;
    if (path != dest && path.compare(0, dest.size() + 1, dest + "/") != 0 && !(dest == "/" && path.size() > 1)) return std::nullopt;
    std::string rest = path == dest ? "" : path.substr(dest == "/" ? 1 : dest.size() + 1);
    for (const auto& raw_src : copy->sources) {
      auto src = expand_known(raw_src, vars, df_.escape);
      if (!src) return std::optional<ImageFile>();
      if (src->find("://") != std::string::npos) continue;  // ADD <url>: a download, not this path unless named so
      Location where{path_, ins.range, ins.keyword};
      if (!copy->from.empty()) {
        auto r = from_stage(copy->from, *src, rest, dest_is_dir, hops);
        if (r) return r;
        continue;
      }
      std::string repo = repo_join(context_, *src);
      std::optional<std::string> hit;
      if (has_glob(*src)) {
        std::string name = rest.find('/') == std::string::npos ? rest : "";
        if (!name.empty() && glob_match(basename_of(*src), name) && kind_of(project_, repo_join(dirname_of(repo), name)).file)
          hit = repo_join(dirname_of(repo), name);
      } else {
        FileFs k = kind_of(project_, repo);
        if (k.dir && !rest.empty() && kind_of(project_, repo_join(repo, rest)).file) hit = repo_join(repo, rest);
        if (k.file && ((rest.empty() && !dest_is_dir) || rest == basename_of(repo))) hit = repo;
      }
      if (!hit) continue;
      ImageFile f{*hit, where, false, grants_execute(copy->chmod), copy->chmod.empty() ? Location{} : where, false};
      return std::optional<ImageFile>(f);
    }
    return std::nullopt;
  }

  // COPY --from=<stage> <src> <dest>: the file comes from that stage, modes and bytes as they are there.
  std::optional<std::optional<ImageFile>> from_stage(const std::string& from, const std::string& src, const std::string& rest,
                                                     bool dest_is_dir, int hops) const {
    size_t stage = DockerStage::kNoStage;
    for (size_t s = 0; s < df_.stages.size(); ++s)
      if (df_.stages[s].name == to_lower(from) || std::to_string(s) == from) stage = s;
    if (stage == DockerStage::kNoStage) return std::optional<ImageFile>();  // another image
    std::string src_abs = absolute(src, "/");
    std::vector<std::string> candidates;
    if (rest.empty() && !dest_is_dir) candidates.push_back(src_abs);
    if (!rest.empty()) {
      candidates.push_back(src_abs + "/" + rest);
      if (rest == basename_of(src_abs)) candidates.push_back(src_abs);
    }
    for (const auto& c : candidates)
      if (auto f = at_end_of(stage, c, hops + 1)) return std::optional<ImageFile>(f);
    return std::optional<ImageFile>();  // copied from a stage cfglint cannot follow to the file
  }

  const std::optional<CopyArgs>& copy_at(size_t index) const {
    auto& slot = copies_[index];
    if (!slot) slot = copy_args(df_.instructions[index]);
    return *slot;
  }

  // The variables a COPY of `stage` sees: the stage's ENV and ARG, then the global ARGs.
  const std::map<std::string, std::string>& vars_of(size_t stage) const {
    auto& slot = stage_vars_[stage];
    if (!slot) {
      slot = df_.stage_env(stage);
      for (const auto& [k, v] : df_.global_args) slot->emplace(k, v);
    }
    return *slot;
  }

  const Project& project_;
  const Dockerfile& df_;
  std::string path_;
  std::string context_;
  std::vector<std::string> workdirs_;
  mutable std::vector<std::optional<std::optional<CopyArgs>>> copies_;               // by instruction, read on first use
  mutable std::vector<std::optional<std::map<std::string, std::string>>> stage_vars_;  // by stage, read on first use
};

ImageFiles::ImageFiles(const Project& project, const DockerfileUnit& df, const std::string& context)
    : resolver_(std::make_unique<ImageFileResolver>(project, df, context)) {}
ImageFiles::~ImageFiles() = default;

std::optional<ImageFile> ImageFiles::at_end_of(size_t stage, const std::string& path) const { return resolver_->at_end_of(stage, path, 0); }

namespace {

// The folder one simple command of a RUN makes, relative to the WORKDIR or absolute; "" for none.
// `env`: the stage's ENV and the command's own leading assignments.
std::pair<std::string, std::string> folder_made_by(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                                   bool poetry_in_project) {
  if (argv.empty()) return {};
  auto arg = [&](size_t i) { return i < argv.size() ? argv[i] : std::string(); };
  auto first_operand = [&](size_t from) {
    for (size_t i = from; i < argv.size(); ++i)
      if (!argv[i].empty() && argv[i][0] != '-') return argv[i];
    return std::string();
  };
  auto env_of = [&](const char* name) {
    auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
  };
  std::string prog = basename_of(argv[0]);
  if (prog.rfind("python", 0) == 0 && arg(1) == "-m" && (arg(2) == "venv" || arg(2) == "virtualenv")) return {first_operand(3), "virtualenv"};
  if (prog == "virtualenv") return {first_operand(1), "virtualenv"};
  if (prog == "uv" && arg(1) == "venv") {
    std::string dir = first_operand(2);
    return {dir.empty() ? ".venv" : dir, "virtualenv"};
  }
  if (prog == "uv" && arg(1) == "sync") {
    std::string dir = env_of("UV_PROJECT_ENVIRONMENT");
    return {dir.empty() ? ".venv" : dir, "virtualenv"};
  }
  std::string create = to_lower(env_of("POETRY_VIRTUALENVS_CREATE"));
  std::string in_project = to_lower(env_of("POETRY_VIRTUALENVS_IN_PROJECT"));
  if (prog == "poetry" && arg(1) == "install" && create != "false" && create != "0" &&
      (poetry_in_project || in_project == "true" || in_project == "1"))
    return {".venv", "virtualenv"};
  bool global = std::find(argv.begin(), argv.end(), "-g") != argv.end() || std::find(argv.begin(), argv.end(), "--global") != argv.end();
  bool prefix = std::any_of(argv.begin(), argv.end(), [](const std::string& w) { return w.rfind("--prefix", 0) == 0 || w.rfind("--cwd", 0) == 0 || w.rfind("--modules-folder", 0) == 0; });
  if (global || prefix) return {};
  if ((prog == "npm" && (arg(1) == "ci" || arg(1) == "install" || arg(1) == "i")) || (prog == "yarn" && (argv.size() == 1 || arg(1) == "install")) ||
      (prog == "pnpm" && (arg(1) == "install" || arg(1) == "i")))
    return {"node_modules", "node_modules"};
  return {};
}

}  // namespace

namespace {

// What one stage adds to the folders of the stage it is built FROM. `stages` holds every earlier stage's
// result: COPY --from names only earlier stages.
struct StageFolders {
  std::vector<BuiltFolder> folders;
  bool poetry_in_project = false;  // `poetry config virtualenvs.in-project true` in the chain

  // One folder per path, the latest step's; at most kMaxBuiltFolders, since stages that each copy the
  // previous one to two places would double them per stage.
  void add(BuiltFolder f) {
    for (auto& known : folders)
      if (known.path == f.path) {
        known = std::move(f);
        return;
      }
    if (folders.size() < kMaxBuiltFolders) folders.push_back(std::move(f));
  }
  static constexpr size_t kMaxBuiltFolders = 64;
};

void add_run_folders(const Dockerfile& df, size_t i, const std::string& workdir, const std::map<std::string, std::string>& stage_env,
                     StageFolders& out) {
  const DockerInstruction& ins = df.instructions[i];
  std::string text = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
  std::string here = workdir;  // `cd frontend && npm ci` installs in frontend/
  for (const auto& cmd : shell_split(text, false)) {
    if (!cmd.argv.empty() && cmd.argv[0] == "cd") {
      std::string to = cmd.argv.size() > 1 ? cmd.argv[1] : "";
      here = to.empty() || here.empty() || to.find_first_of("$`~-") != std::string::npos ? "" : absolute(to, here);
      continue;
    }
    if (here.empty()) continue;
    auto env = stage_env;
    size_t words = 0;
    for (; words < cmd.argv.size() && cmd.argv[words].find('=') != std::string::npos && cmd.argv[words][0] != '-'; ++words)
      env[cmd.argv[words].substr(0, cmd.argv[words].find('='))] = cmd.argv[words].substr(cmd.argv[words].find('=') + 1);
    std::vector<std::string> argv(cmd.argv.begin() + static_cast<long>(words), cmd.argv.end());
    if (argv.size() >= 4 && argv[0] == "poetry" && argv[1] == "config" && argv[2] == "virtualenvs.in-project")
      out.poetry_in_project = to_lower(argv[3]) == "true";
    auto [dir, what] = folder_made_by(argv, env, out.poetry_in_project);
    if (dir.empty() || dir.find('$') != std::string::npos || dir.find('`') != std::string::npos) continue;
    out.add({absolute(dir, here), what, &ins});
  }
}

void add_copied_folders(const Dockerfile& df, size_t s, size_t i, const std::string& workdir, const std::vector<StageFolders>& stages,
                        StageFolders& out) {
  const DockerInstruction& ins = df.instructions[i];
  auto copy = copy_args(ins);
  if (!copy || copy->from.empty() || copy->sources.size() != 1 || copy->dest.find('$') != std::string::npos) return;
  size_t from = DockerStage::kNoStage;
  for (size_t k = 0; k < s; ++k)
    if (df.stages[k].name == to_lower(copy->from) || std::to_string(k) == copy->from) from = k;
  if (from == DockerStage::kNoStage) return;  // another image
  std::string src = absolute(copy->sources[0], "/"), dest = absolute(copy->dest, workdir);
  for (const auto& f : stages[from].folders) {
    if (f.path == src) out.add({dest, f.what, &ins});
    else if (f.path.compare(0, src.size() + 1, src + "/") == 0) out.add({dest + f.path.substr(src.size()), f.what, &ins});
  }
}

}  // namespace

std::vector<BuiltFolder> built_folders(const Dockerfile& df, size_t stage) {
  if (stage >= df.stages.size()) return {};
  const std::vector<std::string> wd = workdirs(df);
  std::vector<StageFolders> stages(stage + 1);  // each stage once, in order
  for (size_t s = 0; s <= stage; ++s) {
    size_t base = df.stages[s].base_stage;
    StageFolders& out = stages[s];
    if (base < s) out = stages[base];
    const auto stage_env = df.stage_env(s);
    for (size_t i = df.stages[s].first_instruction; i < df.stages[s].end_instruction; ++i) {
      if (wd[i].empty()) continue;
      if (df.instructions[i].keyword == "COPY" && !df.instructions[i].flags.empty()) add_copied_folders(df, s, i, wd[i], stages, out);
      if (df.instructions[i].keyword == "RUN") add_run_folders(df, i, wd[i], stage_env, out);
    }
  }
  return stages[stage].folders;
}

const ComposeVolume* volume_over(const ComposeService& service, const std::string& path) {
  const ComposeVolume* mount = nullptr;
  for (const auto& v : service.volumes) {
    std::string target = v.target.empty() || v.target == "/" ? "/" : absolute(v.target, "/");
    bool covers = path == target || path.compare(0, target.size() + 1, target + "/") == 0;
    if (covers && (!mount || target.size() > absolute(mount->target, "/").size())) mount = &v;
  }
  return mount;
}

std::optional<ImageFile> service_file(const Project& project, const ComposeFile& file, const ComposeService& service,
                                      const ImageFiles* image, size_t stage, const std::string& path) {
  if (const ComposeVolume* mount = volume_over(service, path)) {
    if (mount->named || mount->source.empty() || mount->source[0] == '/' || mount->source[0] == '~' ||
        mount->source.find('$') != std::string::npos)
      return std::nullopt;  // a volume's content or a host path outside the repository
    std::string host = normalize_path(dirname_of(file.path) + mount->source);
    std::string target = absolute(mount->target, "/");
    std::string repo = path == target ? host : repo_join(host, path.substr(target.size() + 1));
    if (!kind_of(project, repo).file) return std::nullopt;
    return ImageFile{repo, {file.path, mount->range, "volume"}, true, false, {}, false};
  }
  if (!image) return std::nullopt;
  return image->at_end_of(stage, path);
}

std::string container_path(const std::string& word, const std::string& workdir) {
  if (word.empty() || word.find('$') != std::string::npos || word.find('/') == std::string::npos) return "";
  if (word[0] != '/' && workdir.empty()) return "";
  return absolute(word, workdir.empty() ? "/" : workdir);
}

std::vector<std::string> executable_paths(const std::string& word, const std::string& workdir) {
  if (std::string p = container_path(word, workdir); !p.empty()) return {p};
  if (word.empty() || word.find('/') != std::string::npos || word.find('$') != std::string::npos) return {};
  std::vector<std::string> out;
  for (const char* dir : {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) out.push_back(std::string(dir) + "/" + word);
  return out;
}

RepoFileFacts repo_file_facts(const Project& project, const std::string& repo_path) {
  RepoFileFacts facts;
  constexpr size_t kMaxScript = 1 << 20;
  std::error_code ec;
  fs::path p = fs::path(project.root) / repo_path;
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxScript) return facts;
  std::string text = read_whole_file(p.string());
  facts.readable = true;
  facts.text = text.substr(0, 1024).find('\0') == std::string::npos;
  std::shared_ptr<const GitIndex> index;
  {
    std::lock_guard<std::mutex> lock(project.git_index_mutex);
    if (!project.git_index) project.git_index = std::make_shared<const GitIndex>(project.root);
    index = project.git_index;
  }
  if (auto mode = index->mode(repo_path)) {
    facts.executable = (*mode & 0111) != 0;
  } else {
    auto perms = fs::status(p, ec).permissions();
    facts.executable = !ec && (perms & (fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec)) != fs::perms::none;
  }
  size_t eol = text.find('\n');
  std::string first = text.substr(0, eol);
  if (first.rfind("#!", 0) == 0) facts.shebang = first.back() == '\r' ? first.substr(0, first.size() - 1) : first;
  size_t cr = text.find("\r\n");
  if (cr != std::string::npos) {
    facts.crlf = true;
    facts.crlf_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(cr), '\n'));
  }
  return facts;
}

}  // namespace cfglint
