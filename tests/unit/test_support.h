// Catch2 printers for our value types, so failures show positions instead of {?}.
#pragma once
#include <catch2/catch.hpp>

#include "core/source.h"

namespace Catch {
template <>
struct StringMaker<cfglint::Position> {
  static std::string convert(const cfglint::Position& p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }
};
}  // namespace Catch
