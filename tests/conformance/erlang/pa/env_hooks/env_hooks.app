{application, env_hooks,
 [{description, "Callbacks named only in the application's env"},
  {vsn, "1.0.0"},
  {modules, [env_hooks, env_hook_start, env_hook_audit]},
  {registered, []},
  {applications, [kernel, stdlib]},
  {env, [{on_start, {env_hook_start, run, []}},
         {audit, {env_hook_audit, run, []}}]}]}.
