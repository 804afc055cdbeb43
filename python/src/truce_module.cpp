// truce._truce: the Python module's native part (docs/python.md). Thin: it loads scenarios
// with the loader the CLI uses, runs analyses through the registry (src/analysis/registry.cpp)
// on the option table's JSON, and records runs with the run-store library. Nothing here knows
// any analysis by name: truce/__init__.py makes one Python function per registered analysis
// from `analyses()` (name, description, the options' JSON Schema).
//
// Long calls run without the GIL, on the calling thread. On Ctrl-C the engine is asked to stop
// through the progress hook (core/progress.hpp; analyses count their work there), and
// KeyboardInterrupt is raised once it has stopped.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/analysis/analysis.hpp"
#include "truce/analysis/scenario_changes.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/space/space_report.hpp"
#include "truce/store/json_diff.hpp"
#include "truce/store/run_store.hpp"
#include "truce/store/store_path.hpp"
#include "truce/version.hpp"

namespace py = pybind11;
using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Interrupting the engine. While a call runs, the module's own SIGINT handler sits in front of
// Python's: it marks the stop and hands the signal on to Python's handler (which raises
// KeyboardInterrupt when the call returns). The progress display the module installs throws
// Cancelled from the engine's counting threads once a stop was marked (progress is shown
// after a second, then every 250 ms, so a long call stops within about a second of Ctrl-C).
// Every truce call running in the process stops, whichever thread made it.

std::atomic<bool> stop_requested{false};

struct Cancelled : std::exception {
  const char* what() const noexcept override { return "interrupted"; }
};

class StoppingDisplay final : public truce::ProgressDisplay {
 public:
  void show(std::string_view, std::uint64_t, std::uint64_t, double) override {
    if (stop_requested.load()) throw Cancelled();
  }
  void finish() override {}
};

StoppingDisplay stopping_display;

struct sigaction python_sigint {};  // the handler in place when the first call started
std::mutex watch_mutex;
int watching_calls = 0;

extern "C" void on_sigint(int signal_number, siginfo_t* info, void* context) {
  if (python_sigint.sa_flags & SA_SIGINFO) {
    stop_requested = true;
    python_sigint.sa_sigaction(signal_number, info, context);
  } else if (python_sigint.sa_handler == SIG_IGN) {
    // ignored before truce was called: stays ignored
  } else if (python_sigint.sa_handler == SIG_DFL) {
    sigaction(SIGINT, &python_sigint, nullptr);  // the default: end the process, as without truce
    raise(signal_number);
  } else {
    stop_requested = true;
    python_sigint.sa_handler(signal_number);
  }
}

// While one lives (one per running call), SIGINT passes through on_sigint.
class SigintWatch {
 public:
  SigintWatch() {
    std::lock_guard<std::mutex> lock(watch_mutex);
    if (watching_calls++ > 0) return;
    stop_requested = false;
    struct sigaction ours {};
    ours.sa_sigaction = on_sigint;
    ours.sa_flags = SA_SIGINFO;
    sigemptyset(&ours.sa_mask);
    sigaction(SIGINT, &ours, &python_sigint);
  }
  SigintWatch(const SigintWatch&) = delete;
  SigintWatch& operator=(const SigintWatch&) = delete;
  ~SigintWatch() {
    std::lock_guard<std::mutex> lock(watch_mutex);
    if (--watching_calls > 0) return;
    struct sigaction current {};
    sigaction(SIGINT, nullptr, &current);
    // put Python's back, unless someone replaced ours meanwhile (signal.signal in another thread)
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_sigint) sigaction(SIGINT, &python_sigint, nullptr);
    stop_requested = false;
  }
};

// Runs `work` without the GIL, interruptible by Ctrl-C (see above).
template <class F>
void run_without_gil(F&& work) {
  SigintWatch watch;
  py::gil_scoped_release release;
  work();
}

// ---------------------------------------------------------------------------------------------
// Errors: the Python classes live in truce/_errors.py.

py::object error_class(const char* name) { return py::module_::import("truce._errors").attr(name); }

[[noreturn]] void raise_python(const char* cls, const py::object& value) {
  PyErr_SetObject(error_class(cls).ptr(), value.ptr());
  throw py::error_already_set();
}

// What the CLI prints on stderr for a file that does not load: every diagnostic, the count of
// those left out, and "PATH: N problems found; nothing was loaded".
[[noreturn]] void raise_scenario_error(const truce::InputError& e, const std::string& path) {
  std::string text;
  py::list diagnostics;
  const auto diagnostic = error_class("Diagnostic");
  for (const auto& d : e.diagnostics()) {
    text += truce::printable_for_terminal(truce::format_diagnostic(d)) + "\n";
    diagnostics.append(diagnostic(d.file, d.line, d.column, d.message));
  }
  if (e.omitted() > 0)
    text += "... and " + std::to_string(e.omitted()) + " more problem" + (e.omitted() == 1 ? "" : "s") +
            " (only the first " + std::to_string(e.diagnostics().size()) + " are shown)\n";
  text += truce::printable_for_terminal(path) + ": " + std::to_string(e.total()) + " problem" +
          (e.total() == 1 ? "" : "s") + " found; nothing was loaded";
  raise_python("ScenarioError", py::make_tuple(text, diagnostics, e.omitted()));
}

// Every engine failure as the Python exception documented in truce/_errors.py.
template <class F>
auto translating_errors(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const py::error_already_set&) {
    throw;
  } catch (const truce::InputError& e) {
    raise_scenario_error(e, path);
  } catch (const Cancelled&) {
    // On the main thread, Python's handler runs now (KeyboardInterrupt, or the user's own).
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
  } catch (const truce::WorkTooLarge& e) {
    raise_python("WorkTooLarge", py::str(e.what()));
  } catch (const std::invalid_argument& e) {  // options (the table's wording) or what they ask of the scenario
    raise_python("OptionError", py::str(e.what()));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {  // a scenario the model cannot take
    raise_python("AnalysisError", py::str(e.what()));
  }
}

// ---------------------------------------------------------------------------------------------

struct PyScenario {
  std::shared_ptr<const truce::Scenario> scenario;
  std::string path;  // the file it was loaded from; "" when built in Python or changed

  const std::string& canonical() const {
    std::call_once(*canonical_once, [&] { *canonical_text = truce::canonical_scenario_json(*scenario); });
    return *canonical_text;
  }
  std::shared_ptr<std::once_flag> canonical_once = std::make_shared<std::once_flag>();
  std::shared_ptr<std::string> canonical_text = std::make_shared<std::string>();
};

// One finished run: the typed result, its complete options, and (made when first asked for)
// the JSON the CLI prints with --format json.
struct PyRun {
  std::string analysis;
  std::shared_ptr<const truce::AnalysisResult> result;
  json options;  // complete, as the run store keeps them
  std::optional<std::int64_t> run_id;
  std::string store_error;
  std::int64_t started_ns = 0, finished_ns = 0;  // steady clock, around the engine's work

  const std::string& json_text() const {
    std::call_once(*once, [&] { *text = truce::to_json(*result).dump(2) + "\n"; });
    return *text;
  }
  std::shared_ptr<std::once_flag> once = std::make_shared<std::once_flag>();
  std::shared_ptr<std::string> text = std::make_shared<std::string>();
};

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

const truce::Analysis& analysis_named(const std::string& name) {
  const auto* a = truce::find_analysis(name);
  if (!a) throw py::value_error("no analysis named '" + name + "'");
  return *a;
}

PyScenario load(const std::string& path) {
  PyScenario out;
  out.path = path;
  translating_errors(path, [&] {
    run_without_gil([&] { out.scenario = std::make_shared<const truce::Scenario>(truce::load_scenario_file(path)); });
  });
  return out;
}

// A scenario from its JSON (or YAML) text, checked by the scenario loader; `name` stands for
// the file in diagnostics.
PyScenario scenario_from_text(const std::string& text, const std::string& name) {
  PyScenario out;
  translating_errors(name, [&] {
    out.scenario = std::make_shared<const truce::Scenario>(truce::parse_scenario_yaml(text, name));
  });
  return out;
}

PyRun run(const std::string& name, const PyScenario& sc, const std::string& options_text,
          const std::optional<std::string>& store) {
  const truce::Analysis& analysis = analysis_named(name);
  const json given = json::parse(options_text);
  PyRun out;
  out.analysis = name;
  translating_errors(sc.path, [&] {
    run_without_gil([&] {
      out.started_ns = now_ns();
      out.options = analysis.complete_options(*sc.scenario, given);
      // The options as given: they carry `threads`, which the complete (stored) ones leave out.
      out.result = std::make_shared<const truce::AnalysisResult>(analysis.typed_run(*sc.scenario, given));
      out.finished_ns = now_ns();
      if (!store) return;
      // Recorded as the CLI records it (src/cli/run_recording.cpp); a run that cannot be stored
      // is still returned, with the reason (truce/__init__.py warns).
      try {
        auto runs = truce::RunStore::open_for_writing(*store);
        truce::NewRun r;
        r.command = name;
        r.options = out.options;
        r.scenario_json = sc.canonical();
        r.scenario_path = sc.path;
        r.result = truce::to_json(*out.result);
        out.run_id = runs.record(r);
      } catch (const std::exception& e) {
        out.store_error = e.what();
      }
    });
  });
  return out;
}

// A GENIUS domain with its utility profiles: not a scenario (no sources, no red lines), so the
// registry does not take it; the space analysis does, as `truce space DOMAIN PROFILE...` runs it.
struct PyGenius {
  std::shared_ptr<const truce::space::PackageSpace> space;
  std::string domain_path;
  std::vector<std::string> profile_paths;
  std::string scoring;
};

PyGenius load_genius(const std::string& domain_path, const std::vector<std::string>& profile_paths,
                     const std::string& scoring) {
  if (scoring != "genius" && scoring != "negmas")
    throw py::value_error("scoring: expected one of genius, negmas, found '" + scoring + "'");
  PyGenius out{nullptr, domain_path, profile_paths, scoring};
  translating_errors(domain_path, [&] {
    run_without_gil([&] {
      // Every file read and every problem reported before giving up, as the CLI does.
      truce::DiagnosticList problems;
      truce::GeniusDomain domain;
      try {
        domain = truce::load_genius_domain(domain_path);
      } catch (const truce::InputError& e) {
        for (const auto& d : e.diagnostics()) problems.push_back(d);
      }
      std::vector<truce::GeniusProfile> profiles;
      for (const auto& p : profile_paths) try {
          profiles.push_back(truce::load_genius_profile(p));
        } catch (const truce::InputError& e) {
          for (const auto& d : e.diagnostics()) problems.push_back(d);
        }
      if (!problems.empty()) throw truce::InputError(problems);
      out.space = std::make_shared<const truce::space::PackageSpace>(truce::package_space_of(
          domain, profiles, scoring == "negmas" ? truce::GeniusScoring::negmas : truce::GeniusScoring::genius));
    });
  });
  return out;
}

// `truce space DOMAIN PROFILE... --format json`, from Python.
PyRun space_of_genius(const PyGenius& g, const std::string& options_text) {
  json options = json::parse(options_text);
  // NegMAS's kalai_points minimises raw gains: under NegMAS scoring, unless told otherwise (as the CLI).
  if (g.scoring == "negmas" && !options.contains("kalai")) options["kalai"] = "raw";
  PyRun out;
  out.analysis = "space";
  translating_errors(g.domain_path, [&] {
    run_without_gil([&] {
      out.started_ns = now_ns();
      out.options = truce::space::complete_space_options(options);
      truce::space::SpaceAnalysisResult r;
      r.space = *g.space;
      r.result = truce::space::analyse_space(r.space, truce::space::space_options_from_json(options));
      out.result = std::make_shared<const truce::AnalysisResult>(std::move(r));
      out.finished_ns = now_ns();
    });
  });
  return out;
}

py::list analyses() {
  py::list out;
  for (const auto& a : truce::analyses())
    out.append(py::make_tuple(a.name, a.description, truce::options_schema(a).dump()));
  return out;
}

}  // namespace

PYBIND11_MODULE(_truce, m) {
  m.doc() = "truce's engine (the native part of the truce package; use `import truce`)";
  m.attr("version") = truce::version;
  truce::set_progress_display(&stopping_display);

  py::class_<PyScenario>(m, "Scenario")
      .def_property_readonly("path", [](const PyScenario& s) { return s.path; })
      .def_property_readonly("id", [](const PyScenario& s) { return s.scenario->id; })
      .def_property_readonly("name", [](const PyScenario& s) { return s.scenario->name; })
      .def_property_readonly("actor_ids",
                             [](const PyScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& a : s.scenario->actors) ids.push_back(a.id);
                               return ids;
                             })
      .def_property_readonly("issue_ids",
                             [](const PyScenario& s) {
                               std::vector<std::string> ids;
                               for (const auto& i : s.scenario->issues) ids.push_back(i.id);
                               return ids;
                             })
      .def_property_readonly("has_dynamics", [](const PyScenario& s) { return s.scenario->dynamics.has_value(); })
      .def("canonical_json", [](const PyScenario& s) { return s.canonical(); })
      .def("applies", [](const PyScenario& s, const std::string& name) {
        const auto& a = analysis_named(name);
        return a.applies == nullptr || a.applies(*s.scenario);
      })
      .def("settable_parameters",
           [](const PyScenario& s) {
             py::list out;
             for (const auto& p : truce::settable_parameters(*s.scenario)) {
               py::dict d;
               d["name"] = p.name;
               d["form"] = p.form;
               d["description"] = p.description;
               d["unit"] = p.unit;
               d["value"] = p.value;
               d["min"] = p.min;
               d["max"] = p.max;
               out.append(d);
             }
             return out;
           })
      .def("with_parameter_values", [](const PyScenario& s, const std::vector<std::pair<std::string, double>>& changes) {
        PyScenario out;
        translating_errors(s.path, [&] {
          out.scenario =
              std::make_shared<const truce::Scenario>(truce::with_parameter_values(*s.scenario, changes));
        });
        return out;
      });

  py::class_<PyRun>(m, "Run")
      .def_property_readonly("analysis", [](const PyRun& r) { return r.analysis; })
      .def_property_readonly("options_json", [](const PyRun& r) { return r.options.dump(); })
      .def_property_readonly("json", [](const PyRun& r) { return py::str(r.json_text()); })
      .def_property_readonly("run_id", [](const PyRun& r) { return r.run_id; })
      .def_property_readonly("store_error", [](const PyRun& r) { return r.store_error; })
      .def_property_readonly("started_ns", [](const PyRun& r) { return r.started_ns; })
      .def_property_readonly("finished_ns", [](const PyRun& r) { return r.finished_ns; });

  py::class_<PyGenius>(m, "Genius")
      .def_property_readonly("domain_path", [](const PyGenius& g) { return g.domain_path; })
      .def_property_readonly("profile_paths", [](const PyGenius& g) { return g.profile_paths; })
      .def_property_readonly("scoring", [](const PyGenius& g) { return g.scoring; })
      .def_property_readonly("actor_ids",
                             [](const PyGenius& g) {
                               std::vector<std::string> ids;
                               for (const auto& a : g.space->actors) ids.push_back(a.id);
                               return ids;
                             })
      .def_property_readonly("packages", [](const PyGenius& g) { return g.space->approximate_size(); });
  m.def("load_genius", &load_genius, py::arg("domain"), py::arg("profiles"), py::arg("scoring") = "genius");
  m.def("space_of_genius", &space_of_genius, py::arg("genius"), py::arg("options_json"));
  m.def("load", &load, py::arg("path"), "Loads a scenario file as `truce` does (YAML/JSON, KTAB, BDM, DEU, Decide)");
  m.def("scenario_from_text", &scenario_from_text, py::arg("text"), py::arg("name"));
  m.def("analyses", &analyses, "(name, description, options JSON Schema) of every registered analysis");
  m.def("run", &run, py::arg("analysis"), py::arg("scenario"), py::arg("options_json"), py::arg("store") = py::none());
  m.def("json_differences", [](const std::string& before, const std::string& after) {
    py::list out;
    for (const auto& c : truce::json_differences(json::parse(before), json::parse(after)))
      out.append(py::make_tuple(c.path, c.before ? py::object(py::str(c.before->dump())) : py::none(),
                                c.after ? py::object(py::str(c.after->dump())) : py::none()));
    return out;
  });
  m.def("headline_moves", [](const std::string& before, const std::string& after) {
    py::list out;
    for (const auto& f : truce::headline_moves(json::parse(before), json::parse(after)))
      out.append(py::make_tuple(f.name, f.label, f.unit, f.before ? py::object(py::str(f.before->dump())) : py::none(),
                                f.after ? py::object(py::str(f.after->dump())) : py::none()));
    return out;
  });
  m.def("default_store_path", [] { return truce::default_run_store_path(); },
        "The CLI's default run store: $XDG_DATA_HOME/truce/runs.db, else ~/.local/share/truce/runs.db");
  m.def("set_work_budget_seconds", &truce::set_work_budget_seconds, py::arg("seconds"));
  m.def("work_budget_seconds", &truce::work_budget_seconds);
}
