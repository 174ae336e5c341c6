{application, plugin_registry,
 [{description, "Plugins found by name at run time"},
  {vsn, "1.0.0"},
  {modules, [plugin_registry, plugin_upper, plugin_reverse, plugin_count]},
  {registered, []},
  {applications, [kernel, stdlib]},
  {env, []}]}.
