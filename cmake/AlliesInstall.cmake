# What cmake --install and cpack put in place besides the library, headers
# and tools (lib/CMakeLists.txt, tools/CMakeLists.txt). Two components:
# "runtime" (tools, shared library, man pages, schemas, default policy,
# completions, Python binding, documents) and "dev" (headers, the .so link,
# allies.pc, the CMake package).
include(CMakePackageConfigHelpers)

# Man pages: the header line's "allies X.Y.Z" is the project version.
file(GLOB ALLIES_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.1 ${PROJECT_SOURCE_DIR}/man/*.7)
foreach(page ${ALLIES_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  string(REGEX MATCH "[0-9]$" section ${name})
  file(READ ${page} text)
  string(REGEX REPLACE "(\n\\.TH [^\n]*)\"allies [0-9.]+\"" "\\1\"allies ${PROJECT_VERSION}\"" text "\n${text}")
  string(SUBSTRING "${text}" 1 -1 text)
  file(WRITE ${CMAKE_BINARY_DIR}/man/${name}.tmp "${text}")
  configure_file(${CMAKE_BINARY_DIR}/man/${name}.tmp ${CMAKE_BINARY_DIR}/man/${name} COPYONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${page})
  install(FILES ${CMAKE_BINARY_DIR}/man/${name}
    DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT runtime)
endforeach()

# JSON schemas the man pages name (reports, manifests, policy, document).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/allies/schemas
  COMPONENT runtime FILES_MATCHING PATTERN "*.json")

# Shell completions, where bash-completion, zsh (Debian's vendor folder)
# and fish look for them by command name.
foreach(tool allies-redact allies-convert allies-publish)
  install(FILES ${PROJECT_SOURCE_DIR}/completions/allies.bash RENAME ${tool}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
  install(FILES ${PROJECT_SOURCE_DIR}/completions/${tool}.fish
    DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT runtime)
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/completions/_allies
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)

# pkg-config: relocatable (paths from the .pc file's own folder), so any
# prefix given to cmake --install --prefix works.
file(RELATIVE_PATH ALLIES_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" ALLIES_PC_TO_PREFIX "${ALLIES_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/allies.pc.in ${CMAKE_BINARY_DIR}/allies.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/allies.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# CMake package: find_package(allies 0.1) -> allies::allies. Same minor
# version required, as the SONAME is MAJOR.MINOR.
set(ALLIES_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/allies)
install(EXPORT allies-targets NAMESPACE allies:: DESTINATION ${ALLIES_CMAKE_DIR}
  FILE allies-targets.cmake COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/allies-config.cmake.in
  ${CMAKE_BINARY_DIR}/allies-config.cmake INSTALL_DESTINATION ${ALLIES_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/allies-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/allies-config.cmake ${CMAKE_BINARY_DIR}/allies-config-version.cmake
  DESTINATION ${ALLIES_CMAKE_DIR} COMPONENT dev)

# Python binding (ctypes, no build step). It finds the library through a
# path relative to its own folder, so it works from any prefix:
# PYTHONPATH=PREFIX/lib/python3/dist-packages (Debian's folder under /usr).
set(ALLIES_PYTHON_DIR lib/python3/dist-packages CACHE PATH "Where the Python binding is installed (below the prefix)")
file(RELATIVE_PATH ALLIES_PY_TO_LIB /prefix/${ALLIES_PYTHON_DIR}/allies
  /prefix/${CMAKE_INSTALL_LIBDIR}/liballies.so.${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
configure_file(${PROJECT_SOURCE_DIR}/bindings/python/_location.py.in
  ${CMAKE_BINARY_DIR}/python/allies/_location.py @ONLY)
install(FILES ${PROJECT_SOURCE_DIR}/bindings/python/allies/__init__.py ${CMAKE_BINARY_DIR}/python/allies/_location.py
  DESTINATION ${ALLIES_PYTHON_DIR}/allies COMPONENT runtime)

# The example programs, as documentation.
install(FILES ${PROJECT_SOURCE_DIR}/examples/CMakeLists.txt ${PROJECT_SOURCE_DIR}/examples/redact_to_text.cpp
  ${PROJECT_SOURCE_DIR}/examples/convert.c ${PROJECT_SOURCE_DIR}/examples/redact.py
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT dev)

# Documents. The Debian package also needs its licence as .../copyright.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/LICENSE
  DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE RENAME copyright DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE RENAME copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/liballies-dev
  COMPONENT dev)

# cpack -G DEB: two packages, "allies" (runtime) and "liballies-dev" (dev),
# Depends computed by dpkg-shlibdeps, plus the fonts the PDF writer needs.
set(CPACK_PACKAGE_NAME allies)
set(CPACK_PACKAGE_VENDOR "The allies authors")
set(CPACK_PACKAGE_CONTACT "The allies maintainers <allies@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME allies)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-liberation2")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "fonts-crosextra-carlito, fonts-crosextra-caladea, fonts-noto-core, python3")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME liballies-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "Redacts Word meeting notes and publishes them safely
 allies-redact removes marked sections, people's names and personal data from
 DOCX files; allies-convert writes tagged PDF, HTML, Markdown, text and JSON;
 allies-publish verifies every output independently before publishing it.
 Includes the shared library, its C API and a Python (ctypes) binding.")
set(CPACK_DEBIAN_DEV_DESCRIPTION "Development files for liballies
 Headers (C++ and C API), pkg-config file and CMake package for linking
 programs against liballies.")
include(CPack)
