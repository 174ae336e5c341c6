# Shortest round-trip float printing via inspect, IO.puts and to_string.
defmodule FloatInspectShortest do
  def main do
    fs = [0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1.0, -1.0, 0.0, -0.0, 100.0, 1.0e15, 1.0e16, 1.0e17,
          123_456_789.0, 1.0e20, 1.0e21, 1.0e22, 1.0e-4, 1.0e-5, 1.0e-10, 5.0e-324, 1.7976931348623157e308,
          2.2250738585072014e-308, 3.14159, 2.5, 1.5e300 * 1.0e8 / 1.0e8, 9007199254740993.0, 0.3]
    for f <- fs do
      IO.puts("#{inspect(f)} #{f} #{Float.to_string(f)}")
    end
  end
end
