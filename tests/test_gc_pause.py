"""gc_paused: the collector is off inside the block and back as it was after, also after an error."""

import gc

import pytest

from xl_iku.dasar.gc_pause import gc_paused


def test_gc_dijeda_lalu_kembali():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not switch it on early
    assert gc.isenabled()


def test_gc_kembali_setelah_galat():
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("x")
    assert gc.isenabled()


def test_gc_yang_sudah_mati_tetap_mati():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
