// Kubernetes workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "frontends/tree/tree.h"

namespace cfglint {

struct KubeProbe {
  bool present = false;
  std::string type;       // httpGet, tcpSocket, exec, grpc
  std::string port;       // number or name, as written
  bool port_is_name = false;
  std::string path;       // httpGet
  std::string host;       // httpGet host ("" = pod IP)
  bool sets_host = false; // httpGet httpHeaders names Host
  std::string scheme = "HTTP";  // httpGet scheme
  std::vector<std::pair<std::string, std::string>> headers;  // httpGet httpHeaders, names lower-cased
  std::vector<std::string> exec_command;
  int initial_delay = 0, period = 10, failure_threshold = 3, timeout = 1;
  Range range;       // the probe key
  Range port_range;
  Range path_range;
};

// securityContext fields that decide whether the container may start (pod or container level).
struct KubeSecurity {
  std::optional<bool> run_as_non_root;
  Range run_as_non_root_range;
  std::optional<std::string> run_as_user;  // as written
  Range run_as_user_range;
};

// A ConfigMap or Secret a container's environment names: `valueFrom.configMapKeyRef` / `secretKeyRef`
// (one key, into `env[index]`), or `envFrom` (every key, with a prefix).
struct KubeEnvRef {
  bool secret = false;  // a Secret (values never in the repository) or a ConfigMap
  std::string name;     // the object's metadata.name
  std::string key;      // valueFrom: the key; envFrom: ""
  std::string prefix;   // envFrom: prepended to every key
  bool optional = false;
  size_t index = 0;     // valueFrom: which entry of KubeContainer::env it fills
  Range range;          // where the reference is written
};

// A ConfigMap in the repository: its data, key by key, where each value is written.
struct KubeConfigMap {
  std::string file;
  std::string name;
  struct Entry {
    std::string key, value;
    Range range;
  };
  std::vector<Entry> data;
};

struct KubeContainer {
  std::string name;
  Range range;  // the "- name:" item
  std::string image;
  std::vector<std::string> command, args;
  Range command_range;
  std::vector<std::pair<std::string, int>> ports;  // name (may be "") and containerPort
  KubeProbe liveness, readiness, startup;
  std::vector<std::pair<std::string, std::string>> env;  // valueFrom entries with an empty value
  std::vector<Range> env_ranges;                         // where each of `env` is written (its value, else its name)
  bool env_from = false;  // envFrom: variables from ConfigMaps/Secrets (model/kube_containers.h resolves ConfigMaps in the repository)
  std::vector<KubeEnvRef> value_from;  // env entries filled from a ConfigMap or Secret key
  std::vector<KubeEnvRef> env_from_refs;  // envFrom sources, in order
  bool init = false;
  bool sidecar = false;  // an init container with restartPolicy: Always: it runs beside the others
  KubeSecurity security;
  std::vector<std::string> mount_paths;  // volumeMounts: what is there comes from a volume, not the image
  std::vector<std::string> writable_mount_paths;  // those not mounted readOnly
  std::string working_dir;               // workingDir ("" = the image's WORKDIR)
  bool read_only_root = false;           // securityContext.readOnlyRootFilesystem: true
  Range read_only_root_range;
};

struct KubeWorkload {
  std::string file;
  std::string kind;
  std::string name;
  Range kind_range;
  std::string restart_policy;  // as written in the pod spec ("" = the default)
  Range restart_policy_range;
  int replicas = 0;       // spec.replicas as written (0: not written or not a number; a Deployment then runs 1, an HPA may scale it)
  Range replicas_range;
  std::vector<KubeContainer> containers;  // init containers first, flagged
  KubeSecurity pod_security;  // spec.securityContext: containers inherit what they do not set
  bool host_network = false;  // hostNetwork: true: loopback is the node's
  bool partial = false;  // a patch or fragment (kustomize): fields may come from elsewhere
};

// Workloads of every document in a Kubernetes manifest file.
std::vector<KubeWorkload> build_kubernetes_model(const std::string& path, const ParsedTree& tree);
// ConfigMaps of every document (`kind: ConfigMap` with literal `data`).
std::vector<KubeConfigMap> build_config_maps(const std::string& path, const ParsedTree& tree);

}  // namespace cfglint
