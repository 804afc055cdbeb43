#include "truce/core/dynamics_section.hpp"

namespace truce::dynamics {

// With the type it names (core), so every folder that prints a lever can name it.
const char* lever_kind_name(LeverKind kind) {
  switch (kind) {
    case LeverKind::aid: return "aid";
    case LeverKind::sanctions: return "sanctions";
    case LeverKind::guarantee: return "guarantee";
    case LeverKind::red_line_pressure: return "red_line_pressure";
  }
  return "aid";
}

}  // namespace truce::dynamics
