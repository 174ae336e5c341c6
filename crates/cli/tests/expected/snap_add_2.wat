(func $snap:add/2 (;N;) (type N) (param eqref eqref) (result eqref)
    (local eqref i32 i32 i32 eqref)
    global.get $reds
    i32.const 1
    i32.sub
    global.set $reds
    global.get $reds
    i32.const 0
    i32.le_s
    if ;; label = @1
      global.get $resuming
      ref.is_null
      if ;; label = @2
        ref.func $snap:add/2
        i32.const FRAME_WORD
        local.get 0
        local.get 1
        return_call $yield:2
      end
      call $resume:y1
      local.set 2
      local.set 0
      local.set 3
    end
    block (result i32) ;; label = @1
      block ;; label = @2
        block ;; label = @3
          local.get 3
          br_table 0 (;@3;) 1 (;@2;)
        end
        block (result i32) ;; label = @3
          i32.const 1
          local.get 0
          ref.test (ref i31)
          br_if 0 (;@3;)
          drop
          local.get 0
          ref.test (ref $int64)
          local.get 0
          ref.test (ref $bigint)
          i32.or
        end
        if ;; label = @3
          local.get 1
          local.set 2
          local.get 0
          call $snap:double/1
          local.set 0
          global.get $sig
          if ;; label = @4
            i32.const 1
            br 3 (;@1;)
          end
          br 1 (;@2;)
        else
          global.get $atom_tab
          i32.const ATOM
          array.get $tuple
          local.get 0
          array.new_fixed $tuple 2
          return
        end
      end
      block (result eqref) ;; label = @2
        block (result eqref) ;; label = @3
          local.get 0
          br_on_cast_fail 0 (;@3;) eqref (ref i31)
          i31.get_s
          local.get 2
          br_on_cast_fail 0 (;@3;) eqref (ref i31)
          i31.get_s
          i32.add
          local.tee 5
          i32.const 1
          i32.shl
          i32.const 1
          i32.shr_s
          local.get 5
          i32.eq
          if (result eqref) ;; label = @4
            local.get 5
            ref.i31
          else
            local.get 5
            i64.extend_i32_s
            call $mk_int
          end
          br 1 (;@2;)
        end
        drop
        local.get 0
        local.get 2
        call $erlang:+/2
        local.tee 6
        global.get $FAIL
        ref.eq
        if ;; label = @3
          local.get 0
          local.get 2
          call $raise:erlang:+/2
          unreachable
        end
        local.get 6
      end
      return
      unreachable
    end
    ref.func $snap:add/2
    i32.const FRAME_WORD
    local.get 2
    return_call $unwind:y1
  )
