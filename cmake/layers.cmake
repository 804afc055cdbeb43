# Which capability folder may include which: the engine's layering, in one table. A folder may
# include itself and the folders listed after its name; `core` includes none of the others.
# `cmake -P cmake/layers.cmake` (the test `layers.NoFolderIncludesALayerAboveIt`) fails,
# naming the file and line, when a header or source under include/truce/FOLDER or src/FOLDER
# includes a folder not listed here, or lists a folder it may include below itself (no cycle).
# The build reads the same table (CMakeLists.txt): each folder is one library, truce_FOLDER,
# linking exactly the folders listed after its name and seeing only their headers.
# docs/architecture.md shows the same table as a picture.
set(TRUCE_LAYERS
  "core:"
  "history:core"
  "format:core"
  "space:core,format"
  "forecast:core"
  "dynamics:core,space,history"
  "io:core,space,dynamics,history"
  "levers:core,space,forecast,dynamics"
  "negotiate:core,format,space,dynamics,history,forecast,levers"
  "backtest:core,forecast,levers"
  "timeline:core,space,forecast,dynamics,history"
  "analysis:core,space,forecast,dynamics,history,levers,backtest,timeline,negotiate"
  "store:core,io,analysis"
  "report:core,format,space,forecast,dynamics,history,levers,backtest,analysis,timeline,negotiate"
  "serve:core,format,space,forecast,dynamics,history,io,levers,backtest,analysis,timeline,negotiate,store,report"
  "cli:core,history,format,space,forecast,dynamics,io,levers,backtest,analysis,store,report,timeline,negotiate,serve")

# Splits one entry of the table: truce_layer_entry("space:core,format" folder allowed) sets
# folder to `space` and allowed to `core;format`. The build (CMakeLists.txt: one library per
# folder, linking exactly the folders listed here) and the check below both read the table so.
function(truce_layer_entry entry folder_var allowed_var)
  string(FIND "${entry}" ":" colon)
  string(SUBSTRING "${entry}" 0 ${colon} folder)
  math(EXPR after "${colon} + 1")
  string(SUBSTRING "${entry}" ${after} -1 allowed)
  string(REPLACE "," ";" allowed "${allowed}")
  set(${folder_var} "${folder}" PARENT_SCOPE)
  set(${allowed_var} "${allowed}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_policy(SET CMP0007 NEW)
  get_filename_component(root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
  set(problems "")
  set(known "")
  # A folder may include only folders listed above it, so the table (and the build's link
  # graph made from it) has no cycle.
  foreach(entry ${TRUCE_LAYERS})
    truce_layer_entry("${entry}" folder allowed)
    foreach(below ${allowed})
      list(FIND known "${below}" listed)
      if(listed EQUAL -1)
        string(APPEND problems "cmake/layers.cmake: ${folder} may include ${below}, which is not listed above it\n")
      endif()
    endforeach()
    list(APPEND known ${folder})
  endforeach()
  foreach(entry ${TRUCE_LAYERS})
    truce_layer_entry("${entry}" folder allowed)
    list(APPEND allowed ${folder})
    file(GLOB_RECURSE files "${root}/include/truce/${folder}/*.hpp" "${root}/src/${folder}/*.hpp"
         "${root}/src/${folder}/*.cpp")
    foreach(f ${files})
      file(STRINGS "${f}" lines REGEX "^#include \"truce/[a-z_]+/")
      foreach(line ${lines})
        string(REGEX REPLACE "^#include \"truce/([a-z_]+)/.*" "\\1" used "${line}")
        list(FIND allowed "${used}" ok)
        if(ok EQUAL -1)
          file(RELATIVE_PATH rel "${root}" "${f}")
          string(APPEND problems "${rel}: ${folder} may not include ${used} (${line})\n")
        endif()
      endforeach()
    endforeach()
  endforeach()
  # Every folder of the engine must be in the table, so a new one is placed deliberately.
  file(GLOB folders LIST_DIRECTORIES true "${root}/src/*")
  foreach(dir ${folders})
    if(IS_DIRECTORY "${dir}")
      get_filename_component(name "${dir}" NAME)
      list(FIND known "${name}" found)
      if(found EQUAL -1)
        string(APPEND problems "src/${name}: a capability folder missing from cmake/layers.cmake\n")
      endif()
    endif()
  endforeach()
  if(problems)
    message(FATAL_ERROR "layering violations:\n${problems}")
  endif()
  message(STATUS "layers: every include follows cmake/layers.cmake")
endif()
