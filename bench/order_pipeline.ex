# Benchmark: a term-heavy order/invoice pipeline over 200,000 structs with Enum.
# Generates orders with a fixed LCG, then filters, prices with discounts, groups by customer,
# totals, ranks and summarises. Prints a checksum, then `elapsed_us=N` as the last line.
defmodule OrderPipeline.Order do
  defstruct [:id, :customer, :region, :lines, :status]
end

defmodule OrderPipeline.Line do
  defstruct [:sku, :qty, :unit_cents]
end

defmodule OrderPipeline do
  alias OrderPipeline.{Order, Line}

  @regions {:north, :south, :east, :west}
  @statuses {:paid, :paid, :paid, :refunded, :pending}

  def lcg(x), do: rem(x * 1_103_515_245 + 12_345, 2_147_483_648)

  def generate(n) do
    {orders, _} =
      Enum.map_reduce(1..n, 42, fn id, seed ->
        s1 = lcg(seed)
        s2 = lcg(s1)
        s3 = lcg(s2)
        nlines = rem(s3, 4) + 1
        {lines, s4} =
          Enum.map_reduce(1..nlines, s3, fn _, s ->
            a = lcg(s)
            b = lcg(a)
            {%Line{sku: "SKU-#{rem(a, 500)}", qty: rem(b, 9) + 1, unit_cents: rem(a, 10_000) + 99}, b}
          end)
        order = %Order{
          id: id,
          customer: "cust-#{rem(s1, 5_000)}",
          region: elem(@regions, rem(s2, 4)),
          lines: lines,
          status: elem(@statuses, rem(s2, 5))
        }
        {order, s4}
      end)
    orders
  end

  def line_total(%Line{qty: q, unit_cents: c}) when q >= 5, do: div(q * c * 90, 100)
  def line_total(%Line{qty: q, unit_cents: c}), do: q * c

  def run(orders) do
    priced =
      orders
      |> Enum.filter(&(&1.status == :paid))
      |> Enum.map(fn o -> {o.customer, o.region, o.lines |> Enum.map(&line_total/1) |> Enum.sum()} end)

    by_customer =
      Enum.reduce(priced, %{}, fn {c, _r, t}, acc -> Map.update(acc, c, t, &(&1 + t)) end)

    by_region =
      priced
      |> Enum.group_by(fn {_c, r, _t} -> r end, fn {_c, _r, t} -> t end)
      |> Map.new(fn {r, ts} -> {r, {length(ts), Enum.sum(ts), Enum.max(ts)}} end)

    top = by_customer |> Enum.sort_by(fn {c, t} -> {-t, c} end) |> Enum.take(10)

    skus =
      orders
      |> Enum.flat_map(& &1.lines)
      |> Enum.frequencies_by(& &1.sku)
      |> map_size()

    :erlang.phash2({top, by_region, map_size(by_customer), skus})
  end

  def main do
    orders = generate(200_000)
    t0 = :erlang.monotonic_time(:microsecond)
    checksums = for _ <- 1..2, do: run(orders)
    t1 = :erlang.monotonic_time(:microsecond)
    IO.puts("checksum=#{inspect(checksums)}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end
end
