// What a healthcheck command does: the programs it needs, whether it needs a shell, and the URLs or
// ports it probes.
#pragma once
#include <string>
#include <vector>

namespace cfglint {

struct ProbeTarget {
  std::string host;
  int port = 0;
  std::string path;
  bool http = false;
  std::string text;  // as written
};

struct HealthcheckInfo {
  bool valid = false;
  bool needs_shell = false;
  std::vector<std::string> programs;  // argv[0] basenames of each command
  std::vector<ProbeTarget> targets;
  std::string display;
  // The HTTP client fails on a 4xx answer: wget always, curl only with -f/--fail; a probe that does not
  // fails only when nothing answers.
  bool fails_on_client_error = false;
  bool sets_host = false;  // sends its own Host header (curl -H / --header, wget --header, --resolve, --connect-to)
  bool follows_redirects = false;  // wget (unless --max-redirect=0), curl -L / --location
  std::vector<std::pair<std::string, std::string>> headers;  // lower-cased names it sends, with their values
};

// Compose forms: ["CMD", args...], ["CMD-SHELL", "script"], or a plain string (shell).
HealthcheckInfo analyze_compose_healthcheck(const std::vector<std::string>& test, bool string_form);
// Dockerfile HEALTHCHECK: exec form args, or a shell string.
HealthcheckInfo analyze_exec_or_shell(const std::vector<std::string>& exec_args, bool exec_form, const std::string& shell);

}  // namespace cfglint
