using System.Device.Gpio;
using Reintegratie.Edge.Sensors.Perimeter.Simulation;

namespace Reintegratie.Edge.Sensors.Tests.Perimeter.Simulation;

public sealed class SimulatedGpioDriverTests
{
    [Fact]
    public void SetInputLevel_Change_FiresMatchingEdgeOnce()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);
        var seen = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => seen.Add(e.ChangeType));

        driver.SetInputLevel(4, PinValue.High);
        driver.SetInputLevel(4, PinValue.High);
        driver.SetInputLevel(4, PinValue.Low);

        Assert.Equal([PinEventTypes.Rising, PinEventTypes.Falling], seen);
        Assert.Equal(PinValue.Low, controller.Read(4));
    }

    [Fact]
    public void SetInputLevel_RisingOnlyRegistration_IgnoresFalling()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);
        var count = 0;
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising, (_, _) => count++);

        driver.SetInputLevel(4, PinValue.High);
        driver.SetInputLevel(4, PinValue.Low);

        Assert.Equal(1, count);
    }

    [Fact]
    public void SetInputLevel_WithoutNotify_ChangesLevelSilently()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);
        var count = 0;
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => count++);

        driver.SetInputLevel(4, PinValue.High, notify: false);

        Assert.Equal(0, count);
        Assert.Equal(PinValue.High, controller.Read(4));
    }

    [Fact]
    public void Read_UnreadableLine_ThrowsUntilReadableAgain()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);

        driver.SetReadable(4, false);
        Assert.Throws<IOException>(() => controller.Read(4));
        driver.SetReadable(4, true);

        Assert.Equal(PinValue.Low, controller.Read(4));
    }

    [Theory]
    [InlineData(PinMode.InputPullUp, 1)]
    [InlineData(PinMode.InputPullDown, 0)]
    [InlineData(PinMode.Input, 0)]
    public void OpenPin_UndrivenInput_ReadsItsBias(PinMode mode, int expected)
    {
        using var controller = new GpioController(new SimulatedGpioDriver());

        controller.OpenPin(4, mode);

        Assert.Equal(expected == 1 ? PinValue.High : PinValue.Low, controller.Read(4));
    }

    [Fact]
    public void IsPinModeSupported_MarkedUnsupported_IsFalseAndSettingItFails()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        driver.SetModeSupported(4, PinMode.InputPullDown, false);

        Assert.False(controller.IsPinModeSupported(4, PinMode.InputPullDown));
        Assert.True(controller.IsPinModeSupported(4, PinMode.InputPullUp));
        controller.OpenPin(4);
        Assert.ThrowsAny<InvalidOperationException>(() => controller.SetPinMode(4, PinMode.InputPullDown));
    }

    [Fact]
    public void Dispose_ClosesLinesButTheChipCanBeOpenedAgain()
    {
        var driver = new SimulatedGpioDriver();
        var first = new GpioController(driver);
        first.OpenPin(4, PinMode.Input);
        first.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising, (_, _) => { });

        first.Dispose();
        Assert.False(driver.IsOpen(4));
        Assert.Equal(0, driver.CallbackCount(4));
        driver.SetInputLevel(4, PinValue.High);
        using var second = new GpioController(driver);
        second.OpenPin(4, PinMode.Input);

        Assert.Equal(PinValue.High, second.Read(4));
    }

    [Fact]
    public void UnregisterCallback_StopsTheEdges()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);
        var count = 0;
        void Handler(object s, PinValueChangedEventArgs e) => count++;
        controller.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, Handler);

        controller.UnregisterCallbackForPinValueChangedEvent(4, Handler);
        driver.SetInputLevel(4, PinValue.High);

        Assert.Equal(0, count);
    }

    [Fact]
    public async Task WaitForEvent_Edge_ReturnsItsType()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Input);

        var wait = Task.Run(() => controller.WaitForEvent(4, PinEventTypes.Rising, TimeSpan.FromSeconds(30)));
        while (driver.CallbackCount(4) == 0 && !wait.IsCompleted)
        {
            await Task.Delay(5);
        }

        driver.SetInputLevel(4, PinValue.High);
        var result = await wait;

        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);
    }

    [Fact]
    public void WaitForEvent_NoEdge_TimesOut()
    {
        using var controller = new GpioController(new SimulatedGpioDriver());
        controller.OpenPin(4, PinMode.Input);

        var result = controller.WaitForEvent(4, PinEventTypes.Rising, TimeSpan.FromMilliseconds(20));

        Assert.True(result.TimedOut);
    }
}
