// Template "read-only-root-filesystem-write": a container whose root filesystem is read-only (Kubernetes
// securityContext.readOnlyRootFilesystem, compose `read_only: true`) runs a process that must write where
// no writable mount (volumeMount, compose volume or tmpfs) is:
//  - gunicorn keeps a heartbeat file per worker in --worker-tmp-dir, else in Python's temporary folder:
//    $TMPDIR, /tmp, /var/tmp, /usr/tmp or the working directory, the first writable one. None writable:
//    "No usable temporary directory found". (/dev/shm is a tmpfs in Docker and Kubernetes.)
//  - the official nginx image's own nginx.conf keeps temp files in /var/cache/nginx and its pid in /var/run.
//  - Celery beat's default PersistentScheduler keeps its schedule in `celerybeat-schedule` (a shelve
//    database) in the working directory, or where --schedule says: "OSError: [Errno 30] Read-only file
//    system: 'celerybeat-schedule'". Another --scheduler (django-celery-beat's database), or beat_scheduler /
//    beat_schedule_filename named in the project's code or files, leaves it unknown.
//  - `manage.py collectstatic` at start writes to STATIC_ROOT: "OSError: [Errno 30] Read-only file system".
//    Only when the image does not collect at build (an image that did may have nothing left to copy), the
//    settings are known and collect to local files, and STATIC_ROOT is a path outside every writable mount
//    (a computed STATIC_ROOT: when nothing writable is mounted at all).
//  - a Django server whose settings keep the cache (FileBasedCache) or sessions (the file backend) in files
//    where nothing writable is mounted: the container starts, and the first request that writes fails
//    (a warning).
// What the process writes must be certain: a gunicorn config file, GUNICORN_CMD_ARGS, a TMPDIR the
// repository names, or an nginx.conf of its own leave it unknown.
#include "checks/containers/read_only_root_filesystem_write.h"

#include "checks/django/deploy_settings_view.h"
#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/command_sites.h"
#include "model/deployment.h"
#include "model/replicas.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

struct Container {
  std::string who;
  Location read_only;  // where the root filesystem is made read-only
  std::vector<std::string> writable;  // mount points
  std::string workdir;
  std::vector<std::string> argv;
  CommandModel command;
  std::vector<std::pair<std::string, std::string>> env;  // known values
  bool env_open = false;  // variables may come from sources cfglint does not read
  bool nginx_image = false;  // the official nginx image, started with its own command and nginx.conf
  const SettingsResult* settings = nullptr;  // the Django settings the process loads, when certain
  std::string graph_id;                      // its node in `cfglint graph`
  std::vector<std::string> startup_work;     // from an entrypoint script or a sh -c chain
  Location startup_at;                       // where that work is written
  // The image may already hold the collected files: it runs collectstatic at build, or is not built here.
  bool image_may_collect = true;
};

// The Dockerfile runs collectstatic at build (in any stage: cfglint does not follow which one is final).
bool collects_at_build(const DockerfileUnit* d) {
  if (!d) return true;
  for (const auto& ins : d->parsed.instructions)
    if (ins.keyword == "RUN" && (ins.exec_form ? join(ins.exec_args, " ") : ins.command).find("collectstatic") != std::string::npos) return true;
  return false;
}

bool writable(const Container& c, const std::string& path) {
  if (path == "/dev/shm" || path.rfind("/dev/shm/", 0) == 0) return true;
  for (const std::string& mount : c.writable) {
    std::string m = without_trailing_slash(mount);
    if (path == m || m == "/" || path.rfind(m + "/", 0) == 0) return true;
  }
  return false;
}

const std::string* env_value(const Container& c, std::string_view name) {
  for (const auto& [k, v] : c.env)
    if (k == name) return &v;
  return nullptr;
}

bool has_word(const std::vector<std::string>& argv, std::string_view flag) {
  for (const auto& w : argv)
    if (w == flag || (w.size() > flag.size() && w.compare(0, flag.size(), flag) == 0 && w[flag.size()] == '=')) return true;
  return false;
}

class ReadOnlyRootFilesystemWrite final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    bool gunicorn_config = false;  // a gunicorn.conf.py may set worker_tmp_dir
    for (const auto& m : project.python_modules) gunicorn_config |= basename_of(m.path).rfind("gunicorn", 0) == 0;
    bool tmpdir_named = project.names_outside_python.count("TMPDIR") > 0;
    bool beat_storage_named = names_beat_storage(project);
    for (const auto& c : containers(project)) {
      if (c.command.program == "gunicorn" && !gunicorn_config) check_gunicorn(c, tmpdir_named, out);
      if (c.nginx_image) check_nginx(c, out);
      if (!beat_storage_named) check_celery_beat(c, out);
      if (c.settings) check_collectstatic(c, out);
      if (c.settings && c.command.serves_http) check_django_files(c, tmpdir_named, out);
    }
  }

 private:
  std::vector<Container> containers(const Project& project) const {
    const ServiceSettings& settings = *project.service_settings;
    std::vector<Container> out;
    for (const auto& v : project.services) {
      std::string ro = to_lower(v.service.read_only.value);
      if (!v.service.read_only.present || (ro != "true" && ro != "yes" && ro != "on")) continue;
      Container c{"service `" + v.service.name + "`", {v.file->path, v.service.read_only.range, "read_only"}, v.service.tmpfs, "", v.argv,
                  v.command, v.env.known_pairs(), !v.env.closed(), false};
      for (const auto& vol : v.service.volumes)
        if (!vol.read_only && !vol.target.empty()) c.writable.push_back(vol.target);
      c.workdir = v.service.working_dir.present ? v.service.working_dir.value : v.image.workdir;
      bool own_conf = false;
      for (const auto& vol : v.service.volumes) own_conf |= vol.target == "/etc/nginx/nginx.conf" || vol.target == "/etc/nginx" || vol.target == "/etc/nginx/";
      c.nginx_image = !v.dockerfile && !own_conf && !v.service.has_command && !v.service.has_entrypoint &&
                      ImageKnowledge::normalize(v.service.image.value).rfind("nginx:", 0) == 0;
      if (loads_django_settings(v)) c.settings = settings.of(v);
      c.graph_id = graph_id(v);
      c.startup_work = v.startup_work;
      c.startup_at = v.startup_location.file.empty() ? v.command_location : v.startup_location;
      c.image_may_collect = collects_at_build(v.dockerfile);
      out.push_back(std::move(c));
    }
    for (const auto& v : project.kube_containers) {
      const KubeContainer& k = *v.container;
      if (!k.read_only_root) continue;
      Container c{v.who, {v.workload->file, k.read_only_root_range, "readOnlyRootFilesystem"}, k.writable_mount_paths, "", v.argv, {}, {}, k.env_from, false};
      for (const auto& [name, value] : k.env) c.env.emplace_back(name, value);
      c.workdir = !k.working_dir.empty() ? k.working_dir : v.image.workdir;
      if (v.argv_known) c.command = v.command;
      bool own_conf = false;
      for (const auto& m : k.mount_paths) own_conf |= m == "/etc/nginx/nginx.conf" || m == "/etc/nginx" || m == "/etc/nginx/";
      c.nginx_image = !v.dockerfile && !own_conf && k.command.empty() && k.args.empty() &&
                      ImageKnowledge::normalize(k.image).rfind("nginx:", 0) == 0;
      c.settings = settings.of(k);
      c.graph_id = graph_id(*v.workload, k);
      c.startup_work = c.command.startup_work;
      c.startup_at = v.command_location;
      c.image_may_collect = collects_at_build(v.dockerfile);
      out.push_back(std::move(c));
    }
    return out;
  }

  void check_gunicorn(const Container& c, bool tmpdir_named, std::vector<Finding>& out) const {
    if (has_word(c.argv, "-c") || has_word(c.argv, "--config") || env_value(c, "GUNICORN_CMD_ARGS") || c.env_open) return;
    std::vector<std::string> candidates;
    for (size_t i = 0; i + 1 < c.argv.size(); ++i)
      if (c.argv[i] == "--worker-tmp-dir") candidates = {c.argv[i + 1]};
    for (const auto& w : c.argv)
      if (w.rfind("--worker-tmp-dir=", 0) == 0) candidates = {w.substr(17)};
    if (candidates.empty()) {
      if (const std::string* t = env_value(c, "TMPDIR")) candidates.push_back(*t);
      else if (tmpdir_named) return;  // something in the repository may set TMPDIR
      for (const char* d : {"/tmp", "/var/tmp", "/usr/tmp"}) candidates.push_back(d);
      candidates.push_back(c.workdir.empty() ? "/" : c.workdir);
    }
    for (const auto& d : candidates)
      if (d.find('$') != std::string::npos || writable(c, d)) return;
    Finding f = finding(c.read_only.file, c.read_only.range,
                        c.who + " runs gunicorn with a read-only root filesystem, and none of the folders gunicorn keeps its worker "
                        "heartbeat files in is writable (" + join(candidates, ", ") + "): it exits at start with \"FileNotFoundError: "
                        "[Errno 2] No usable temporary directory found\"; mount an emptyDir/tmpfs at /tmp, or pass "
                        "`--worker-tmp-dir /dev/shm`");
    out.push_back(std::move(f));
  }

  // beat_scheduler / beat_schedule_filename set anywhere (Celery config in code, settings, an env file
  // that settings read): where beat writes is then not the default.
  static bool names_beat_storage(const Project& project) {
    for (const auto& m : project.python_modules)
      if (m.names_beat_storage) return true;
    for (const auto& name : project.names_outside_python)
      if (name.find("BEAT_SCHEDULER") != std::string::npos || name.find("BEAT_SCHEDULE_FILENAME") != std::string::npos) return true;
    return false;
  }

  // Where the default scheduler keeps its schedule ("" when another scheduler runs, or it is not known).
  static std::string schedule_file(const std::vector<std::string>& words) {
    std::string schedule = "celerybeat-schedule";
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w == "-S" || w == "--scheduler" || w.rfind("--scheduler=", 0) == 0 || (w.rfind("-S", 0) == 0 && w.size() > 2)) return "";
      if ((w == "-s" || w == "--schedule" || w == "--schedule-filename") && i + 1 < words.size()) schedule = words[i + 1];
      else if (w.rfind("--schedule=", 0) == 0 || w.rfind("--schedule-filename=", 0) == 0) schedule = w.substr(w.find('=') + 1);
      else if (w.rfind("-s", 0) == 0 && w.size() > 2 && w[2] != '-') schedule = w.substr(2);
    }
    return schedule.find('$') == std::string::npos ? schedule : "";
  }

  void check_celery_beat(const Container& c, std::vector<Finding>& out) const {
    for (const auto& words : simple_commands(c.argv)) {
      std::string beat = beat_in(words);
      std::string schedule = beat.empty() ? "" : schedule_file(words);
      if (schedule.empty()) continue;
      std::string folder = c.workdir.empty() ? "/" : c.workdir;
      std::string path = schedule[0] == '/' ? schedule : (folder.back() == '/' ? folder : folder + "/") + schedule;
      if (writable(c, path)) continue;
      out.push_back(finding(c.read_only.file, c.read_only.range,
                            c.who + " runs `" + beat + "` with a read-only root filesystem, and beat keeps its schedule in " + path +
                                ", where nothing writable is mounted: it exits at start with \"OSError: [Errno 30] Read-only file system: '" +
                                schedule + "'\"; pass `--schedule /tmp/celerybeat-schedule` with a tmpfs (or emptyDir) at /tmp, or keep "
                                "the schedule in the database (django-celery-beat's DatabaseScheduler)"));
      return;
    }
  }

  static bool runs_collectstatic(const Container& c) {
    for (const auto& w : c.startup_work)
      if (w.find("collectstatic") != std::string::npos) return true;
    for (const auto& words : simple_commands(c.argv))
      if (management_command(words) == "collectstatic") return true;
    return false;
  }

  // A path setting as the process sees it: absolute, or relative to the working directory; "" when the
  // value is not a literal the deployment keeps (computed, or an environment default another source may replace).
  static std::string setting_path(const Container& c, const PyValue& v) {
    if (v.kind != PyValue::K::Str || v.text.empty() || v.text.find('$') != std::string::npos) return "";
    if (!v.from_env_default().empty() && c.env_open) return "";
    if (v.text[0] == '/') return v.text;
    std::string folder = c.workdir.empty() ? "/" : c.workdir;
    return normalize_path(without_trailing_slash(folder) + "/" + v.text);
  }

  void check_collectstatic(const Container& c, std::vector<Finding>& out) const {
    if (c.image_may_collect || !runs_collectstatic(c)) return;
    DeploySettingsView view(*c.settings);
    auto root = c.settings->names.find("STATIC_ROOT");
    if (root == c.settings->names.end() || root->second.maybe || !root->second.value || !view.collects_to_local_files()) return;
    const PyValue& value = *root->second.value;
    std::string path = setting_path(c, value);
    if (path.empty() && (value.kind != PyValue::K::Unknown || !c.writable.empty())) return;  // computed: only if nothing is writable
    if (!path.empty() && writable(c, path)) return;
    std::string where = path.empty() ? "STATIC_ROOT, and nothing writable is mounted" : "STATIC_ROOT (" + path + "), where nothing writable is mounted";
    Finding f = finding(c.read_only.file, c.read_only.range,
                        c.who + " runs `collectstatic` at start with a read-only root filesystem; it copies the static files to " + where +
                            ": it stops with \"OSError: [Errno 30] Read-only file system: '" + (path.empty() ? "<STATIC_ROOT>" : path) +
                            "'\" and the container exits before its server starts; collect at build (`RUN python manage.py "
                            "collectstatic --noinput` in the Dockerfile) or mount a volume at STATIC_ROOT");
    f.related.push_back({c.startup_at.file, c.startup_at.range, "collectstatic runs here"});
    f.related.push_back({root->second.where.file, root->second.where.range, "STATIC_ROOT"});
    f.graph_edges.push_back(loads_edge(c.graph_id, c.settings->path));
    out.push_back(std::move(f));
  }

  // FileBasedCache and the file session backend write on requests: the server starts, and the first
  // request that caches or saves a session (a login) fails.
  void check_django_files(const Container& c, bool tmpdir_named, std::vector<Finding>& out) const {
    const SettingsResult& s = *c.settings;
    auto caches = s.names.find("CACHES");
    if (caches != s.names.end() && !caches->second.maybe && caches->second.value && caches->second.value->kind == PyValue::K::Dict)
      for (const auto& [alias, cache] : caches->second.value->entries) {
        ValueP backend = cache ? cache->get("BACKEND") : nullptr;
        ValueP location = cache ? cache->get("LOCATION") : nullptr;
        if (!backend || backend->text != "django.core.cache.backends.filebased.FileBasedCache" || !location) continue;
        std::string path = setting_path(c, *location);
        if (path.empty() || writable(c, path)) continue;
        out.push_back(request_failure(c, caches->second, "keep the cache in " + path + " (FileBasedCache)",
                                      "every request that writes to the cache fails with \"OSError: [Errno 30] Read-only file system: '" + path + "'\""));
      }
    auto engine = s.names.find("SESSION_ENGINE");
    if (engine == s.names.end() || engine->second.maybe || !engine->second.value || engine->second.value->text != "django.contrib.sessions.backends.file")
      return;
    auto file_path = s.names.find("SESSION_FILE_PATH");
    std::vector<std::string> candidates;
    if (file_path != s.names.end()) {
      if (file_path->second.maybe || !file_path->second.value) return;
      std::string path = setting_path(c, *file_path->second.value);
      if (path.empty()) return;
      candidates.push_back(path);
    } else if (!s.complete || tmpdir_named || c.env_open || env_value(c, "TMPDIR")) {
      return;  // Python's temporary folder may be elsewhere
    } else {
      for (const char* d : {"/tmp", "/var/tmp", "/usr/tmp"}) candidates.push_back(d);
      candidates.push_back(c.workdir.empty() ? "/" : c.workdir);
    }
    for (const auto& d : candidates)
      if (writable(c, d)) return;
    // Unset SESSION_FILE_PATH: the backend asks tempfile.gettempdir() on the first request, which finds no
    // writable folder; a set one exists in the image (else ImproperlyConfigured) and saving into it fails.
    std::string failure = file_path == s.names.end()
                              ? "every request through SessionMiddleware fails with \"FileNotFoundError: [Errno 2] No usable temporary directory found\""
                              : "every request that saves a session (a login) fails with \"OSError: [Errno 30] Read-only file system: '" + candidates.front() + "'\"";
    out.push_back(request_failure(c, engine->second, "keep sessions in files (" + join(candidates, ", ") + ")", failure));
  }

  Finding request_failure(const Container& c, const SettingValue& setting, const std::string& what, const std::string& failure) const {
    Finding f = finding(c.read_only.file, c.read_only.range,
                        c.who + " serves Django with a read-only root filesystem, and its settings (" + c.settings->path + ") " + what +
                            ", where nothing writable is mounted: the server starts, but " + failure +
                            " (HTTP 500); mount a writable volume (tmpfs or emptyDir) there, or use another backend (the database, Redis)");
    f.severity_override = Severity::Warning;  // requests fail; the container runs
    f.related.push_back({setting.where.file, setting.where.range, "the setting"});
    f.graph_edges.push_back(loads_edge(c.graph_id, c.settings->path));
    return f;
  }

  void check_nginx(const Container& c, std::vector<Finding>& out) const {
    std::vector<std::string> missing;
    if (!writable(c, "/var/cache/nginx/client_temp")) missing.push_back("/var/cache/nginx");
    if (!writable(c, "/var/run/nginx.pid") && !writable(c, "/run/nginx.pid")) missing.push_back("/var/run");
    if (missing.empty()) return;
    out.push_back(finding(c.read_only.file, c.read_only.range,
                          c.who + " runs the official nginx image with a read-only root filesystem, but its nginx.conf writes to " +
                              join(missing, " and ") + ", where nothing writable is mounted: nginx exits at start with `[emerg] " +
                              (missing.front() == "/var/cache/nginx" ? "mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)"
                                                                     : "open() \"/var/run/nginx.pid\" failed (30: Read-only file system)") +
                              "`; mount tmpfs (or emptyDir) volumes at " + join(missing, " and ")));
  }

};

}  // namespace

TemplateInfo read_only_root_filesystem_write_template() {
  return simple_template<ReadOnlyRootFilesystemWrite>("read-only-root-filesystem-write",
                                                       "The root filesystem is read-only and the process must write where no writable mount is.");
}

}  // namespace cfglint
