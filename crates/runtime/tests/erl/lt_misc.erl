%% Cases for misc.wat: the node BIFs of a non-distributed node, dt_* tracing BIFs,
%% system_info/1 for the static items, system_flag/2 (old values), unique_integer/1's
%% option errors, nif_error/1,2, persistent_term and the os environment (sequences on
%% keys only these cases touch), and the argument checks of function_exported/3,
%% module_loaded/1 and get_module_info/1,2 (their answers come from compiler hooks).
-module(lt_misc).
-export([cases/0]).

cases() ->
    [{erlang, node, []}, {erlang, nodes, []}, {erlang, is_alive, []}, {erlang, dt_get_tag, []},
     {erlang, dt_get_tag_data, []}, {io, printable_range, []}, {file, native_name_encoding, []}] ++
    [{erlang, nodes, [X]} || X <- [visible, hidden, connected, this, known, [this], [visible, this], [], foo, [foo],
                                   [this | a], "x", [known, known]]] ++
    [{lt_driver, nodes2, [A, O]} || A <- [visible, this, known, [this, visible], foo],
        O <- [[], [{node_type, true}], [{connection_id, true}, {node_type, true}], [{connection_id, false}],
              [{foo, true}], [{node_type, 1}], [{node_type, false}, {connection_id, true}]]] ++
    [{erlang, F, [X]} || F <- [dt_spread_tag, dt_restore_tag, dt_put_tag, dt_prepend_vm_tag_data,
                               dt_append_vm_tag_data],
                         X <- [true, false, a, 1, [], <<"a">>, {true, a}]] ++
    [{erlang, system_info, [X]} || X <- [otp_release, version, wordsize, {wordsize, internal}, {wordsize, external},
        {wordsize, foo}, schedulers, schedulers_online, logical_processors, logical_processors_available,
        logical_processors_online, machine, endian, os_type, creation, system_version, system_architecture,
        process_limit, atom_limit, port_limit, ets_limit, thread_pool_size, threads, smp_support, debug_compiled,
        kernel_poll, compat_rel, build_type, emu_type, emu_flavor, dirty_cpu_schedulers, dirty_io_schedulers,
        nif_version, driver_version, time_warp_mode, heap_type, c_compiler_used, multi_scheduling, dist_ctrl,
        break_ignored, fullsweep_after, min_heap_size, min_bin_vheap_size, context_reductions, tolerant_timeofday,
        sequential_tracer, eager_check_io, dist_buf_busy_limit, scheduler_bind_type, port_parallelism,
        trace_control_word, cpu_topology, foo, "x", {foo, bar}, 1]] ++
    [{lt_driver, max_heap_size_info, []}] ++
    [{erlang, system_flag, [F, V]} || {F, V} <- [{backtrace_depth, 10}, {backtrace_depth, 8}, {backtrace_depth, a},
        {backtrace_depth, -1}, {backtrace_depth, 300}, {backtrace_depth, 0}, {backtrace_depth, 8}, {foo, 1},
        {schedulers_online, 1}, {schedulers_online, 2}, {schedulers_online, 3}, {schedulers_online, 0},
        {fullsweep_after, 10}, {fullsweep_after, 65535}, {min_heap_size, 100}, {min_heap_size, 233},
        {min_bin_vheap_size, 100}, {min_bin_vheap_size, 46422}, {trace_control_word, 0}, {"x", 1}]] ++
    [{erlang, unique_integer, [X]} || X <- [[foo], foo, [positive | a], [monotonic, foo], "x"]] ++
    [{erlang, nif_error, [X]} || X <- [foo, {a, b}, []]] ++
    [{erlang, nif_error, [foo, [1, 2]]}] ++
    [{persistent_term, get, [{lt_misc, nope}]}, {persistent_term, get, [{lt_misc, nope}, dflt]},
     {persistent_term, put, [{lt_misc, k}, 1]}, {persistent_term, get, [{lt_misc, k}]},
     {persistent_term, put, [{lt_misc, k}, [2]]}, {persistent_term, get, [{lt_misc, k}, dflt]},
     {persistent_term, put, [{lt_misc, 1.0}, float]}, {persistent_term, get, [{lt_misc, 1}, dflt]},
     {persistent_term, get, [{lt_misc, 1.0}]}, {persistent_term, erase, [{lt_misc, k}]},
     {persistent_term, erase, [{lt_misc, k}]}, {persistent_term, get, [{lt_misc, k}, gone]}] ++
    [{os, getenv, [X]} || X <- [a, "LT_NOPE_X", "", "A=B", [$L | a], <<"LT_NOPE_X">>, [256], [$a, 0], [-1],
                                [16#110000], [[], "LT_NOPE_X"]]] ++
    [{os, putenv, [K, V]} || {K, V} <- [{"LT_A", "x"}, {"LT_B", ""}, {"A=B", "x"}, {"LT_C", "a=b"}, {a, "x"},
        {"LT_D", a}, {"LT_E", [256]}, {"LT_F", [0]}, {<<"LT_G">>, "x"}, {["LT_", "H"], [["y"], $z]}]] ++
    [{os, getenv, [X]} || X <- ["LT_A", "LT_B", "LT_C", "LT_E", "LT_H", "LT_D"]] ++
    [{os, putenv, ["LT_A", "again"]}, {os, getenv, ["LT_A"]}] ++
    [{os, unsetenv, [X]} || X <- ["LT_A", "LT_NOPE", a, "A=B", "LT_B"]] ++
    [{os, getenv, [X]} || X <- ["LT_A", "LT_B", "LT_C"]] ++
    [{erlang, module_loaded, ["x"]}, {erlang, module_loaded, [lt_nonexistent_module]},
     {erlang, function_exported, ["x", y, 1]}, {erlang, function_exported, [x, "y", 1]},
     {erlang, function_exported, [x, y, a]}, {erlang, function_exported, [x, y, 1 bsl 70]},
     {erlang, function_exported, [x, y, -1]}, {erlang, function_exported, [x, y, 256]},
     {erlang, function_exported, [x, y, 1 bsl 40]}, {erlang, function_exported, [lt_nonexistent_module, f, 0]},
     {erlang, get_module_info, ["x"]}, {erlang, get_module_info, [lt_nonexistent_module]},
     {erlang, get_module_info, [lt_nonexistent_module, module]}, {erlang, get_module_info, ["x", module]},
     {erlang, get_module_info, [lt_nonexistent_module, foo]}].
