// Rules whose findings the engine itself emits (parse errors, unused suppressions) use the
// "builtin" template: it reads nothing and reports nothing on its own.
#pragma once
#include "checks/check.h"

namespace cfglint {

class BuiltinMarker final : public Check {
 public:
  using Check::Check;
  bool reads(FileKind) const override { return false; }
};

}  // namespace cfglint
