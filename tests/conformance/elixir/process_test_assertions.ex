# The assertions of Elixir 1.14's process_test.exs that a program can print: the process
# dictionary, group leaders, Process.info/2 of live and dead processes and registered
# names, send_after/3,4 with read_timer/cancel_timer (sync and async), and exit/2 with
# :normal from another process and from itself.
defmodule ProcessTestAssertions do
  def main do
    IO.inspect(Process.put(:foo, :bar))
    IO.inspect(Process.put(:foo, :baz))
    IO.inspect(Enum.member?(Process.get_keys(), :foo))
    IO.inspect({Process.get_keys(:bar), Process.get_keys(:baz)})
    IO.inspect({Process.get(:foo), Process.delete(:foo), Process.get(:foo)})

    gl = Process.group_leader()
    another = spawn_link(fn -> Process.sleep(1000) end)
    set = Process.group_leader(self(), another)
    now = Process.group_leader() == another
    Process.group_leader(self(), gl)
    IO.inspect({set, now})
    IO.inspect(Process.sleep(0))

    pid = spawn(fn -> Process.sleep(1000) end)
    IO.inspect(Process.info(pid, :priority))
    IO.inspect(Process.info(pid, [:priority]))
    Process.exit(pid, :kill)
    IO.inspect(Process.info(pid, :backtrace))
    IO.inspect(Process.info(pid, [:backtrace, :status]))

    pid = spawn(fn -> nil end)
    Process.exit(pid, :kill)
    IO.inspect(Process.info(pid, :registered_name))
    IO.inspect(Process.info(pid, [:registered_name]))
    IO.inspect(Process.info(self(), :registered_name))
    IO.inspect(Process.info(self(), [:registered_name]))
    Process.register(self(), __MODULE__)
    IO.inspect(Process.info(self(), :registered_name))
    IO.inspect(Process.info(self(), [:registered_name]))

    Process.send_after(self(), :hello, 10)

    receive do
      :hello -> IO.puts("hello after 10")
    after
      1000 -> IO.puts("nothing")
    end

    time = System.monotonic_time(:millisecond) + 10
    Process.send_after(self(), :hello, time, abs: true)

    receive do
      :hello -> IO.puts("hello at an absolute time")
    after
      1000 -> IO.puts("nothing")
    end

    timer = Process.send_after(self(), :hello, 100_000)
    IO.inspect(is_integer(Process.read_timer(timer)))
    IO.inspect(is_integer(Process.cancel_timer(timer)))
    timer = Process.send_after(self(), :hello, 0)

    receive do
      :hello -> IO.puts("hello at once")
    end

    IO.inspect({Process.read_timer(timer), Process.cancel_timer(timer)})
    timer = Process.send_after(self(), :hello, 100_000)
    IO.inspect(Process.cancel_timer(timer, async: true))

    receive do
      {:cancel_timer, ^timer, result} -> IO.inspect(is_integer(result), label: "async cancel")
    end

    Process.flag(:trap_exit, true)
    pid = spawn_link(fn -> receive do: (:done -> nil) end)
    IO.inspect(Process.exit(pid, :normal))

    receive do
      {:EXIT, ^pid, :normal} -> IO.puts("unexpected exit")
    after
      50 -> IO.puts("no exit")
    end

    IO.inspect(Process.alive?(pid))
    IO.inspect(Process.exit(pid, :abnormal))

    receive do
      {:EXIT, ^pid, reason} -> IO.inspect(reason)
    end

    IO.inspect(Process.alive?(pid))

    pid = spawn_link(fn -> Process.exit(self(), :normal) end)

    receive do
      {:EXIT, ^pid, reason} -> IO.inspect(reason, label: "self exit")
    end

    IO.inspect(Process.alive?(pid))
  end
end
