// A plugin that cannot be loaded is one `error:` line and exit status 1, no traceback.
// RUN: not dialir-opt --load-dialect-plugin=no_such_plugin_module %s 2>&1 | filecheck %s --check-prefix=MISSING
// RUN: not dialir-opt --load-pass-plugin=no_such_plugin_module.passes %s 2>&1 | filecheck %s --check-prefix=MISSING-PASS
// A module without DIALECT is no dialect plugin (json is in the standard library).
// RUN: not dialir-opt --load-dialect-plugin=json %s 2>&1 | filecheck %s --check-prefix=NODIALECT
// RUN: not dialir-opt --dialect-doc=no_such_dialect 2>&1 | filecheck %s --check-prefix=UNKNOWN

// MISSING: {{^}}error: could not load dialect plugin 'no_such_plugin_module': No module named 'no_such_plugin_module'{{$}}
// MISSING-NOT: Traceback

// MISSING-PASS: {{^}}error: could not load pass plugin 'no_such_plugin_module.passes': No module named 'no_such_plugin_module'{{$}}

// NODIALECT: {{^}}error: dialect plugin 'json' does not define DIALECT (a dialir Dialect){{$}}

// UNKNOWN: {{^}}error: unknown dialect 'no_such_dialect' (available: {{.*}}builtin{{.*}}){{$}}
