// Whether what a server listens on is certain: a listener the program defaults to (gunicorn's
// 127.0.0.1:8000, flower's 5555) can still be moved by an environment variable (PORT, GUNICORN_CMD_ARGS,
// FLOWER_PORT) or a config file the server loads (gunicorn.conf.py) that cfglint cannot see. Checks that
// compare a listener with a port or a host ask here before they claim a mismatch.
#pragma once
#include <map>
#include <string>

#include "model/command_model.h"

namespace cfglint {

struct Project;
struct ContainerView;

class ListenCertainty {
 public:
  explicit ListenCertainty(const Project& project);  // gathers the config files once

  // `env_closed`: every variable the process receives is known. `context`: the build context the image
  // was built from (its config files), nullptr when the image was not built from this repository.
  bool may_be_moved(const CommandModel& m, const ListenAddress& l, bool env_closed, const std::string* context) const;
  // The same for a compose service's own command, environment and build.
  bool may_be_moved(const ContainerView& v, const ListenAddress& l) const;
  // With nothing known of the environment or config files (a Kubernetes container's image ENV, envFrom).
  static bool may_be_moved_anywhere(const CommandModel& m, const ListenAddress& l) {
    return l.defaulted && !m.listen_overridden_by.empty();
  }
  // Some listener of the service may be elsewhere than the model says.
  bool any_may_be_moved(const ContainerView& v) const;

 private:
  std::multimap<std::string, std::string> config_files_;  // file name -> project path (gunicorn.conf.py)
};

}  // namespace cfglint
