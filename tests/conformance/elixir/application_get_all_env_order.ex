# known: Application.get_all_env/1 lists keys in ETS's hash order, which depends on everything else in the controller's table
defmodule ApplicationGetAllEnvOrder do
  def main do
    for k <- [:alpha, :beta, :gamma, :delta, :epsilon, :zeta, :eta, :theta, :iota, :kappa, :lambda, :mu] do
      Application.put_env(:order_app, k, 1)
    end

    IO.inspect(Application.get_all_env(:order_app) |> Keyword.keys())
    ExUnit.start(autorun: false)
    IO.inspect(ExUnit.configuration() |> Keyword.keys())
  end
end
