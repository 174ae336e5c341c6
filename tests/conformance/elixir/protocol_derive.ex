# @derive of a protocol with an Any implementation, and @derive {Inspect, only/except}.
defprotocol ProtocolDerive.Size do
  def size(term)
end

defimpl ProtocolDerive.Size, for: Any do
  def size(struct), do: struct |> Map.from_struct() |> map_size()
end

defmodule ProtocolDerive.Box do
  @derive [ProtocolDerive.Size]
  defstruct [:w, :h, :d]
end

defmodule ProtocolDerive.Secret do
  @derive {Inspect, only: [:user]}
  defstruct [:user, :password]
end

defmodule ProtocolDerive.Hidden do
  @derive {Inspect, except: [:token]}
  defstruct [:id, :token, :note]
end

defmodule ProtocolDerive do
  def main do
    IO.inspect(ProtocolDerive.Size.size(%ProtocolDerive.Box{w: 1, h: 2, d: 3}))
    IO.inspect(%ProtocolDerive.Secret{user: "root", password: "hunter2"})
    IO.inspect(%ProtocolDerive.Hidden{id: 1, token: "abc", note: "n"})
    try do
      ProtocolDerive.Size.size(%{plain: :map})
    rescue
      e -> IO.puts(inspect(e.__struct__))
    end
  end
end
