# System.get_env/put_env/delete_env and :os.getenv over the real environment: a variable
# the run did not set, one it sets and deletes, and the shape of the whole environment.
defmodule SystemEnvGetPut do
  def main do
    IO.inspect(System.get_env("BW_CONF_SURELY_UNSET"), label: "unset")
    IO.inspect(System.get_env("BW_CONF_SURELY_UNSET", "default"), label: "default")
    IO.inspect(System.fetch_env("BW_CONF_SURELY_UNSET"), label: "fetch unset")
    IO.inspect(is_binary(System.get_env("PATH")), label: "PATH is set")
    env = System.get_env()
    IO.inspect(is_map(env) and Map.has_key?(env, "PATH"), label: "get_env/0 has PATH")
    IO.inspect(env["PATH"] == System.get_env("PATH"), label: "same PATH")
    System.put_env("BW_CONF_VAR", "héllo=world")
    IO.inspect(System.get_env("BW_CONF_VAR"), label: "after put")
    IO.inspect(:os.getenv('BW_CONF_VAR'), label: "os:getenv")
    System.put_env(%{"BW_CONF_A" => "1", "BW_CONF_B" => "2"})
    IO.inspect({System.get_env("BW_CONF_A"), System.get_env("BW_CONF_B")}, label: "put map")
    IO.inspect(System.fetch_env!("BW_CONF_A"), label: "fetch!")
    System.delete_env("BW_CONF_VAR")
    IO.inspect(System.get_env("BW_CONF_VAR"), label: "after delete")
    IO.inspect(:os.getenv('BW_CONF_SURELY_UNSET', 'fallback'), label: "os:getenv/2")

    try do
      System.put_env("BAD=NAME", "x")
    rescue
      e -> IO.inspect(e.__struct__, label: "bad name")
    end
  end
end
