# Passing and failing assertions (the failure reports show ExUnit's diffs), and a skipped
# test. The module is synchronous: it runs after the asynchronous ones, alone, so its
# output is in one order.
defmodule AssertionsTest do
  use ExUnit.Case

  test "equal lists" do
    assert [1, 2, 3] == Enum.to_list(1..3)
  end

  test "a failing comparison shows a diff" do
    assert %{name: "beam", size: 3, tags: [:a, :b]} == %{name: "wasm", size: 3, tags: [:a, :c]}
  end

  test "a failing match" do
    assert {:ok, _} = {:error, :enoent}
  end

  test "assert_raise" do
    assert_raise ArgumentError, "bad", fn -> raise ArgumentError, "bad" end
  end

  test "refute and assert_receive" do
    send(self(), {:hello, 1})
    assert_receive {:hello, n}
    refute n == 2
  end

  test "a helper module from test_helper.exs" do
    assert FixtureHelpers.double(21) == 42
  end

  @tag :skip
  test "skipped" do
    flunk("never runs")
  end

  test "a failing string comparison" do
    assert "hello world" == "hello wasm world"
  end
end
