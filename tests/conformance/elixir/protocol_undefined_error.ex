# Calling a protocol on a type without an implementation raises Protocol.UndefinedError.
defprotocol ProtocolUndefinedError.Speak do
  def speak(x)
end

defimpl ProtocolUndefinedError.Speak, for: Atom do
  def speak(a), do: "#{a}!"
end

defmodule ProtocolUndefinedError do
  def main do
    IO.puts(ProtocolUndefinedError.Speak.speak(:hi))
    for t <- [1, "s", [1]] do
      try do
        ProtocolUndefinedError.Speak.speak(t)
      rescue
        e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
      end
    end
    try do
      Enum.map(:not_enumerable, & &1)
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end
