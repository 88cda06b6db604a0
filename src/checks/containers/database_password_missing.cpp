// Template "database-password-missing": a container runs an official database image (postgres, mysql,
// mariadb; rules/knowledge/database_images.toml) whose entrypoint exits on an empty data directory unless a
// superuser password (or an explicit opt-out) is in its environment, and the environment the model
// resolved has neither. Certain only when that environment is closed: every env_file read, no variable
// passed through from the shell, no custom entrypoint, no Kubernetes envFrom.
#include "checks/containers/database_password_missing.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/django_project.h"

namespace cfglint {
namespace {

struct DatabaseImage {
  std::vector<std::string> match;
  std::string product, error;
  std::vector<std::string> any_of;
  std::vector<std::pair<std::string, std::vector<std::string>>> opt_out;
  std::vector<std::string> required_since;  // per release series, the first image release whose entrypoint exits
};

std::vector<DatabaseImage> load(const RuleCatalog& catalog) {
  std::vector<DatabaseImage> out;
  for (const toml::table* et : catalog.knowledge_entries("database_images", "image")) {
    DatabaseImage d;
    d.match = toml_string_list(*et, "match");
    d.product = (*et)["product"].value_or(std::string());
    d.error = (*et)["error"].value_or(std::string());
    d.any_of = toml_string_list(*et, "any_of");
    d.required_since = toml_string_list(*et, "required_since");
    if (const auto* o = (*et)["opt_out"].as_table())
      for (const auto& [k, v] : *o) d.opt_out.emplace_back(std::string(k.str()), toml_string_list(*o, k.str()));
    out.push_back(std::move(d));
  }
  return out;
}

// A tag pinned to a release the password check predates: `postgres:9.6.15` and `postgres:10.9` start
// with a warning instead (the check came with 9.6.17 and 10.12, February 2020), and so does every release
// of a series older than the oldest listed. A series tag (`postgres:10`, `postgres:9.6`) moves to the
// newest release, which has the check.
bool predates_check(const std::string& image, const std::vector<std::string>& since) {
  if (since.empty()) return false;
  size_t colon = image.rfind(':');
  if (colon == std::string::npos || image.find('/', colon) != std::string::npos) return false;
  std::vector<int> tag = leading_version_numbers(std::string_view(image).substr(colon + 1));
  if (tag.empty()) return false;
  size_t series_len = tag[0] < 10 ? 2 : 1;  // 9.6.x, 10.x: the numbering changed with PostgreSQL 10
  if (tag.size() < series_len) return false;  // `postgres:9`: some 9.x, unknown
  std::vector<int> series(tag.begin(), tag.begin() + series_len);
  bool older_than_all = true;
  for (const auto& s : since) {
    std::vector<int> first = leading_version_numbers(s);
    std::vector<int> first_series(first.begin(), first.begin() + std::min(first.size(), series_len));
    if (first_series <= series) older_than_all = false;
    // A release before the first with the check; a series tag moves to the newest release, which has it.
    if (first.size() == series_len + 1 && first_series == series) return tag.size() > series_len && tag[series_len] < first[series_len];
  }
  return older_than_all;
}

// Name lookup over either kind of environment: nullopt = not set, "" = set, value unknown.
using Lookup = std::function<std::optional<std::string>(const std::string&)>;

bool satisfied(const DatabaseImage& d, const Lookup& get) {
  for (const auto& name : d.any_of)
    if (get(name)) return true;
  for (const auto& [name, values] : d.opt_out)
    if (auto v = get(name))
      for (const auto& want : values)
        if (v->empty() || want == "*" || to_lower(*v) == want) return true;
  return false;
}

// The official entrypoint initialises the data directory only when it starts the server: no command, or
// one that is the server (`postgres`, `mysqld`) or only its options (`-c max_connections=200`). An image
// built FROM postgres that runs cron, or a backup job's command, never reaches that code.
bool starts_database_server(const std::vector<std::string>& command) {
  if (command.empty()) return true;
  const std::string first = basename_of(command[0]);
  return first.rfind('-', 0) == 0 || first == "postgres" || first == "mysqld" || first == "mariadbd" || first == "docker-entrypoint.sh";
}

class DatabasePasswordMissing final : public ProjectCheck {
 public:
  DatabasePasswordMissing(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), images_(load(catalog)) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) check_service(project, v, out);
    for (const auto& w : project.workloads)
      if (!w.partial)
        for (const auto& c : w.containers) check_container(w, c, out);
  }

 private:
  const DatabaseImage* image_of(const std::string& image) const {
    if (image.find('$') != std::string::npos) return nullptr;  // a tag the deploying shell decides
    for (const auto& d : images_)
      if (ImageKnowledge::matches(image, d.match)) return predates_check(image, d.required_since) ? nullptr : &d;
    return nullptr;
  }

  std::string message(const std::string& who, const DatabaseImage& d) const {
    std::string password = d.any_of.empty() ? "a superuser password" : d.any_of.front();
    return who + " runs the official " + d.product + " image without " + password + " in its environment: on an empty data volume its entrypoint exits with \"" + d.error +
           "\", and every service that depends on it waits or fails; set the password from a secret or env file";
  }

  void check_service(const Project& project, const ContainerView& v, std::vector<Finding>& out) const {
    if (v.service.has_entrypoint || !v.env.closed()) return;
    if (v.image.entrypoint || !starts_database_server(v.argv)) return;  // the image's own entrypoint or work
    const DatabaseImage* d = image_of(v.image.base_image);
    if (!d) return;
    Lookup get = [&](const std::string& name) -> std::optional<std::string> {
      const EnvBinding* b = v.env.get(name);
      if (!b) return std::nullopt;
      return b->value_known ? b->value : std::string();
    };
    if (satisfied(*d, get)) return;
    Finding f = finding(v.name.file, v.name.range, message("service `" + v.service.name + "`", *d));
    f.related.push_back({v.image.from.file, v.image.from.range, "the image"});
    if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
    out.push_back(under_profiles(std::move(f), v.service.profiles));
  }

  void check_container(const KubeWorkload& w, const KubeContainer& c, std::vector<Finding>& out) const {
    if (c.env_from || !c.command.empty() || !starts_database_server(c.args)) return;
    const DatabaseImage* d = image_of(c.image);
    if (!d) return;
    Lookup get = [&](const std::string& name) -> std::optional<std::string> {
      for (const auto& [k, value] : c.env)
        if (k == name) return value;
      return std::nullopt;
    };
    if (satisfied(*d, get)) return;
    out.push_back(finding(w.file, c.range, message("container `" + c.name + "`", *d)));
  }

  std::vector<DatabaseImage> images_;
};

}  // namespace

TemplateInfo database_password_missing_template() {
  return catalog_template<DatabasePasswordMissing>("database-password-missing",
                                                   "An official database image gets no superuser password and exits on first start.");
}

}  // namespace cfglint
