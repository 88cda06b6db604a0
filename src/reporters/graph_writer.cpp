#include "reporters/graph_writer.h"

#include <map>
#include <nlohmann/json.hpp>

#include "reporters/reporter.h"

namespace cfglint {
namespace {

// Repository text inside a Mermaid label: entity codes for what Mermaid would parse, <br/> for lines.
std::string mermaid_text(const std::string& s) {
  std::string out;
  for (char c : printable(s)) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '#': out += "#35;"; break;
      case '\n': out += "<br/>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string dot_text(const std::string& s) {
  std::string out;
  for (char c : printable(s)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out;
}

// Labels hold real newlines; printable() would show them as `\n`, so they are split first.
template <typename Escape>
std::string label_lines(const std::string& label, Escape escape, const std::string& separator) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t nl = label.find('\n', start);
    out += escape(label.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) return out;
    out += separator;
    start = nl + 1;
  }
}

std::string mermaid_shape(const std::string& kind, const std::string& text) {
  if (kind == "image") return "{{\"" + text + "\"}}";
  if (kind == "settings") return "[/\"" + text + "\"/]";
  if (kind == "env-file" || kind == "missing-env-file") return "[(\"" + text + "\")]";
  return "[\"" + text + "\"]";
}

}  // namespace

void write_graph_mermaid(std::ostream& out, const DeploymentGraph& g) {
  std::map<std::string, std::string> short_id;
  out << "flowchart LR\n";
  for (const auto& n : g.nodes) {
    std::string id = "n" + std::to_string(short_id.size() + 1);
    short_id[n.id] = id;
    out << "  " << id << mermaid_shape(n.kind, label_lines(n.label, mermaid_text, "<br/>")) << "\n";
  }
  for (const auto& e : g.edges)
    out << "  " << short_id[e.from] << " -->|" << mermaid_text(e.label) << "| " << short_id[e.to] << "\n";
  for (const auto& n : g.nodes)
    if (n.kind == "missing-env-file") out << "  style " << short_id[n.id] << " stroke-dasharray: 5 5\n";
}

void write_graph_dot(std::ostream& out, const DeploymentGraph& g) {
  out << "digraph deployment {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  for (const auto& n : g.nodes) {
    std::string shape = n.kind == "image" ? "hexagon" : n.kind == "settings" ? "note" : n.kind == "service" || n.kind == "container" ? "box" : "cylinder";
    out << "  \"" << dot_text(n.id) << "\" [label=\"" << label_lines(n.label, dot_text, "\\n") << "\", shape=" << shape
        << (n.kind == "missing-env-file" ? ", style=dashed" : "") << "];\n";
  }
  for (const auto& e : g.edges)
    out << "  \"" << dot_text(e.from) << "\" -> \"" << dot_text(e.to) << "\" [label=\"" << dot_text(e.label) << "\"];\n";
  out << "}\n";
}

void write_graph_json(std::ostream& out, const DeploymentGraph& g) {
  nlohmann::json j;
  j["nodes"] = nlohmann::json::array();
  j["edges"] = nlohmann::json::array();
  for (const auto& n : g.nodes) {
    nlohmann::json node{{"id", n.id}, {"kind", n.kind}, {"label", n.label}};
    if (!n.file.empty()) node["file"] = n.file;
    if (n.line) node["line"] = n.line;
    j["nodes"].push_back(std::move(node));
  }
  for (const auto& e : g.edges) j["edges"].push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}});
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace cfglint
