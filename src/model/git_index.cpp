#include "model/git_index.h"

#include <filesystem>
#include <system_error>

#include "core/source.h"
#include "core/strings.h"

namespace cfglint {
namespace {

namespace fs = std::filesystem;

uint32_t be32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) | (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) | static_cast<uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

// The .git directory of the checkout that holds `root`, and `root`'s path inside that checkout.
std::optional<std::pair<fs::path, std::string>> find_git_dir(const std::string& root) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  std::string inside;
  for (int depth = 0; depth < 64 && !dir.empty(); ++depth) {
    fs::path git = dir / ".git";
    if (fs::is_directory(git, ec)) return std::make_pair(git, inside);
    if (fs::is_regular_file(git, ec)) {  // a worktree or submodule: "gitdir: <path>"
      std::string text = read_whole_file(git.string());
      if (text.rfind("gitdir:", 0) != 0) return std::nullopt;
      fs::path target = std::string(trim(std::string_view(text).substr(7)));
      return std::make_pair(target.is_absolute() ? target : dir / target, inside);
    }
    if (dir == dir.parent_path()) break;
    inside = dir.filename().string() + (inside.empty() ? "" : "/" + inside);
    dir = dir.parent_path();
  }
  return std::nullopt;
}

}  // namespace

GitIndex::GitIndex(const std::string& root) {
  auto git = find_git_dir(root);
  if (!git) return;
  prefix_ = git->second.empty() ? "" : git->second + "/";
  std::string index = read_whole_file((git->first / "index").string());
  if (index.size() < 12 || index.compare(0, 4, "DIRC") != 0) return;
  uint32_t version = be32(index, 4), count = be32(index, 8);
  if (version < 2 || version > 4) return;
  size_t at = 12;
  std::string previous;
  for (uint32_t n = 0; n < count; ++n) {
    const size_t fixed = 62;  // stat data, mode, sizes, SHA-1 and flags
    if (at + fixed > index.size()) return;
    uint32_t mode = be32(index, at + 24);
    uint16_t flags = static_cast<uint16_t>((static_cast<unsigned char>(index[at + 60]) << 8) | static_cast<unsigned char>(index[at + 61]));
    size_t name_at = at + fixed + ((version >= 3 && (flags & 0x4000)) ? 2 : 0);
    std::string name;
    if (version == 4) {  // prefix compression: strip N bytes of the previous name, then a NUL-terminated suffix
      size_t strip = 0;
      unsigned char c = 0;
      size_t p = name_at;
      int guard = 0;
      do {
        if (p >= index.size() || ++guard > 9) return;
        c = static_cast<unsigned char>(index[p++]);
        strip = (strip << 7) | (c & 0x7f);
        if (c & 0x80) ++strip;
      } while (c & 0x80);
      size_t end = index.find('\0', p);
      if (end == std::string::npos || strip > previous.size()) return;
      name = previous.substr(0, previous.size() - strip) + index.substr(p, end - p);
      at = end + 1;
    } else {
      size_t end = index.find('\0', name_at);
      if (end == std::string::npos) return;
      name = index.substr(name_at, end - name_at);
      size_t length = end - at;  // entry length before padding
      at += (length + 8) & ~static_cast<size_t>(7);
    }
    if (name.compare(0, prefix_.size(), prefix_) == 0) modes_.emplace(name.substr(prefix_.size()), mode);
    previous = std::move(name);
  }
}

std::optional<uint32_t> GitIndex::mode(const std::string& path) const {
  auto it = modes_.find(path);
  if (it == modes_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> git_index_mode(const std::string& root, const std::string& path) { return GitIndex(root).mode(path); }

}  // namespace cfglint
