# Keyword lists: duplicates, get/get_values/put/delete/merge/take/drop, syntax sugar.
defmodule KeywordFunctions do
  def main do
    kw = [a: 1, b: 2, a: 3]
    IO.inspect(kw)
    IO.inspect(kw[:a])
    IO.inspect(Keyword.get_values(kw, :a))
    IO.inspect(Keyword.put(kw, :a, 9))
    IO.inspect(Keyword.delete(kw, :a))
    IO.inspect(Keyword.merge([a: 1, b: 2], [b: 3, c: 4]))
    IO.inspect(Keyword.take(kw, [:a]))
    IO.inspect(Keyword.drop(kw, [:a]))
    IO.inspect(Keyword.keys(kw))
    IO.inspect(Keyword.values(kw))
    IO.inspect(Keyword.keyword?(kw))
    IO.inspect(Keyword.keyword?([{"a", 1}]))
    IO.inspect(Keyword.update([a: 1], :a, 0, &(&1 + 10)))
    IO.inspect(Keyword.pop(kw, :a))
    IO.inspect(Keyword.validate([one: 1], [:one, two: 2]))
    IO.inspect(Keyword.validate([three: 3], [:one]))
    IO.inspect([{:"quoted key", 1}, {:ok, 2}])
  end
end
