# setup_all and setup, describe, tags (one excluded by the helper), async modules,
# capture_io and capture_log, doctests.
defmodule FeaturesTest do
  use ExUnit.Case, async: true
  import ExUnit.CaptureIO
  import ExUnit.CaptureLog
  import Bitwise
  require Logger

  doctest Bitwise

  setup_all do
    {:ok, shared: :from_setup_all}
  end

  setup context do
    {:ok, doubled: FixtureHelpers.double(Map.get(context, :n, 1))}
  end

  describe "with context" do
    @tag n: 5
    test "setup sees the tag", %{doubled: d, shared: s} do
      assert d == 10
      assert s == :from_setup_all
    end

    test "describe is in the name", context do
      assert context.describe == "with context"
      assert context.test == :"test with context describe is in the name"
    end
  end

  @tag :slow
  test "excluded by the helper" do
    flunk("never runs")
  end

  @tag :wasm
  test "tagged", context do
    assert context.wasm
  end

  test "capture_io" do
    assert capture_io(fn -> IO.puts("to stdout") end) == "to stdout\n"
  end

  test "capture_log" do
    assert capture_log(fn -> Logger.error("it broke") end) =~ "[error] it broke"
  end
end

defmodule OtherAsyncTest do
  use ExUnit.Case, async: true

  test "runs concurrently" do
    parent = self()
    pids = for i <- 1..5, do: spawn(fn -> send(parent, {:done, i * i}) end)
    results = for _ <- pids, do: receive(do: ({:done, v} -> v))
    assert Enum.sort(results) == [1, 4, 9, 16, 25]
  end
end
