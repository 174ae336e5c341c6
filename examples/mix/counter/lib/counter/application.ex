defmodule Counter.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [{Counter.Server, Application.fetch_env!(:counter, :initial)}]
    Supervisor.start_link(children, strategy: :one_for_one, name: Counter.Supervisor)
  end
end
