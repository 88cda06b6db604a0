// Template "run-as-non-root-image-root": a container whose securityContext (its own or the pod's) sets
// runAsNonRoot: true with no runAsUser, while its image runs as root (no USER, USER root/0) or as a user
// name. Before it starts a container the kubelet compares the image's configured user with the policy; a
// root user or a name it cannot map to a UID stops the container with CreateContainerConfigError. The
// image's user is certain when a Dockerfile of the repository builds it (model/kube_containers) or the
// knowledge base knows the external image; otherwise nothing is said.
#include "checks/kubernetes/run_as_non_root_image_root.h"

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

bool numeric(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; }

// The user part of USER user[:group] as the kubelet reads it.
std::string user_part(const std::string& user) { return user.substr(0, user.find(':')); }

class RunAsNonRootImageRoot final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.kube_containers) {
      const KubeSecurity& s = v.security;
      if (!s.run_as_non_root.value_or(false) || v.workload->partial) continue;
      if (s.run_as_user) {
        if (s.run_as_user == "0")
          out.push_back(finding(v.workload->file, s.run_as_user_range,
                                v.who + " sets runAsUser: 0 and runAsNonRoot: true; the kubelet refuses to start it with "
                                        "CreateContainerConfigError (\"container's runAsUser breaks non-root policy\"): set a non-zero runAsUser"));
        continue;  // a numeric runAsUser decides; the image's USER does not matter
      }
      if (!v.image.user) continue;
      std::string user = user_part(*v.image.user);
      bool root = user.empty() || user == "root" || user == "0";
      if (!root && numeric(user)) continue;
      std::string image = v.dockerfile ? "the image built from `" + v.dockerfile->path + "`" : "the image `" + v.container->image + "`";
      bool written = v.image.user_from.message.rfind("USER", 0) == 0;  // else the base image's own user
      std::string why = root ? image + " runs as root (" + (written ? "USER " + user : "no USER") +
                                   "), so the kubelet refuses to start it with CreateContainerConfigError (\"container has "
                                   "runAsNonRoot and image will run as root\")"
                             : image + " runs as the user name `" + user + "`, which the kubelet cannot check against the policy, so it "
                                   "refuses to start it with CreateContainerConfigError (\"container has runAsNonRoot and image has "
                                   "non-numeric user (" + user + "), cannot verify user is non-root\")";
      Finding f = finding(v.workload->file, s.run_as_non_root_range,
                          v.who + " requires runAsNonRoot, but " + why + "; " +
                              (root ? "add a numeric `USER 10001` to the Dockerfile, or set a non-zero runAsUser"
                                    : "write the USER as a UID (`USER 10001`), or set runAsUser to that UID"));
      if (!v.image.user_from.file.empty()) f.related.push_back({v.image.user_from.file, v.image.user_from.range, v.image.user_from.message});
      if (v.built_here) f.related.push_back({v.built_here->evidence.file, v.built_here->evidence.range, "this repository builds the image here"});
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

TemplateInfo run_as_non_root_image_root_template() {
  return simple_template<RunAsNonRootImageRoot>("run-as-non-root-image-root",
                                                "runAsNonRoot is set but the image runs as root or as a user name the kubelet cannot verify.");
}

}  // namespace cfglint
