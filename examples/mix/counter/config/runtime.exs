import Config

config :counter, step: String.to_integer(System.get_env("COUNTER_STEP", "2"))
